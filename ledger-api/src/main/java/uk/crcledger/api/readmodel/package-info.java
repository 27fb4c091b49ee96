/**
 * Wires the ledger's read model into the app: its processor (segments shared between instances),
 * the balancer that spreads the segments, and the rebuild; and how it is watched: its health check
 * (part of readiness) and its lag and rebuild gauges.
 */
package uk.crcledger.api.readmodel;
