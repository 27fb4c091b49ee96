/**
 * Full-text search over the ledger's entries: a Lucene index per app instance, kept from the events
 * like the other read models and rebuildable from them, answering ranked queries with highlighted
 * snippets, live or as the ledger stood at an instant. No web types: the app's
 * {@code uk.crcledger.api.search} serves it.
 */
package uk.crcledger.search;
