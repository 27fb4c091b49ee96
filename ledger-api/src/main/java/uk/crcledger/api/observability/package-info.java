/**
 * Running the ledger for real: the ledger's meters next to Axon's for Prometheus, and the request and
 * entry ids in the logs (JSON with {@code ledger.log.json=true}). The readiness checks sit with what
 * they check: the MongoDB ping in {@code api.store}, the read model's processor in {@code api.readmodel}.
 */
package uk.crcledger.api.observability;
