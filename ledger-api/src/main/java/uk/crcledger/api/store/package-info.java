/**
 * Connects the ledger to MongoDB (a configured replica set, or the embedded server on disk), and the app's own
 * storage: the entry directory, the API tokens', idempotency keys' and imports' documents, and the MongoDB
 * health check.
 * The app's only package, besides the event store and the read models' storage, that names MongoDB or BSON types
 * (checked by {@code ArchitectureTest}): the packages above it speak in their own types.
 */
package uk.crcledger.api.store;
