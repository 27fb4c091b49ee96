/** Connects the ledger to MongoDB: a configured replica set, or the embedded server on disk. */
package uk.crcledger.api.store;
