/**
 * Signed notes (c2sp.org/signed-note) with Ed25519 from the JDK, their verifier keys, and the
 * checkpoints (c2sp.org/tlog-checkpoint) the ledger signs over its tree.
 */
package uk.crcledger.tlog.note;
