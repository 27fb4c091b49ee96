/**
 * Wires the ledger's read model into the app: its processor (segments shared between instances),
 * the balancer that spreads the segments, and the rebuild.
 */
package uk.crcledger.api.readmodel;
