/**
 * The reference data seed: on first start the ledger records the reference history of the 21 CRCs
 * ({@code seed/reference-ledger.json}) through the same commands as any user, as "reference-data". Its README says
 * how the file was derived from the reference facts.
 */
package uk.crcledger.api.seed;
