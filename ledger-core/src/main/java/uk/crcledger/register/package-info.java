/**
 * The register of who is who: the ids of CRCs and providers, their one spelling rule, and the display names
 * summaries use. The lowest package of the core, importing nothing else of the ledger's, because every other
 * package names CRCs and providers. Ids travel as plain strings in stored events ({@code @JsonValue}), so where
 * their classes live does not change what is stored.
 */
package uk.crcledger.register;
