/**
 * Bulk recording from a CSV file: a dry run that reports every row's problems at once and records nothing, then an
 * import that records each row as the JSON endpoints would (the same bodies, validation and commands), in the
 * background, with its progress kept as a resource and its start and end recorded as facts of the ledger
 * ({@code uk.crcledger.imports}). Each row's entry id is derived from its content, so a re-upload records nothing
 * twice.
 */
package uk.crcledger.api.imports;
