/**
 * What the log commits to for each ledger event: the leaf, canonical JSON (RFC 8785) naming the
 * event and the SHA-256 of its payload's stored bytes.
 */
package uk.crcledger.tlog.leaf;
