/** Idempotent POSTs: a retry with the same Idempotency-Key gets the first answer and stores nothing new. */
package uk.crcledger.api.idempotency;
