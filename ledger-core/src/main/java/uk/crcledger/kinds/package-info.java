/**
 * The catalogue of entry kinds ({@link uk.crcledger.kinds.EntryKinds}): the top of the core, the only package that
 * names every kind, so that corrections, the contract, job-cut and inspection packages never need to name each
 * other. The serializers and the command-side wiring read it.
 */
package uk.crcledger.kinds;
