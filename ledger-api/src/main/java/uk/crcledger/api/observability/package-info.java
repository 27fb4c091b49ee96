/**
 * Running the ledger for real: health (the ledger's own MongoDB and the read model's processor, for
 * the readiness probe), the ledger's meters next to Axon's for Prometheus, and the request and entry
 * ids in the logs (JSON with {@code ledger.log.json=true}).
 */
package uk.crcledger.api.observability;
