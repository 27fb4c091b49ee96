/**
 * Search over the ledger's entries on the web: {@code GET /api/search}, the search index's health and
 * gauges, and its rebuild. The index itself is {@code uk.crcledger.search}.
 */
package uk.crcledger.api.search;
