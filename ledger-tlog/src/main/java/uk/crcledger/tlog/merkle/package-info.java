/**
 * The Merkle tree of RFC 9162 section 2.1 over the ledger's leaves: hashing, the compact range an
 * integrator extends one leaf at a time, inclusion and consistency proofs and their verification,
 * and the tiles of c2sp.org/tlog-tiles in which the tree is stored and served.
 */
package uk.crcledger.tlog.merkle;
