/**
 * Bulk recording from a file as a fact of the ledger: who started an import of which file (its SHA-256) with how many
 * rows, and how it ended (recorded, already recorded, failed). The rows themselves are recorded as ordinary entries,
 * each through its own kind's command; this package only keeps the import's own account, in the
 * {@link uk.crcledger.imports.BulkImport} aggregate, one per import.
 */
package uk.crcledger.imports;
