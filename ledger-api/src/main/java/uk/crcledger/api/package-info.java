/**
 * The ledger application: wiring of the store, the command side and (later) the web.
 * Each sub-package is one concern: {@code store} connects to MongoDB (embedded or real),
 * {@code command} registers the domain's aggregates and ports with Axon.
 */
package uk.crcledger.api;
