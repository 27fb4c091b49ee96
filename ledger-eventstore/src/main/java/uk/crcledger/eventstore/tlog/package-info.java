/**
 * The ledger's transparency log kept in MongoDB: the integrator that follows the ledger and extends
 * the Merkle tree, the tiles it stores, the checkpoints it signs, the audit that re-checks stored
 * events against their leaves, and the reads that serve all of it. One integrator writes (it holds a
 * claim in the token store, as the read model's segments are held); every instance reads.
 */
package uk.crcledger.eventstore.tlog;
