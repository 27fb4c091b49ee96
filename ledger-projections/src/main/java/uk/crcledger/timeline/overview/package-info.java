/**
 * The overview of every CRC at once: each CRC's contract periods and the job cuts, inspection findings and incidents
 * on them, beside a comparison of the providers, derived from the read side's own answers ({@code LedgerQueries}),
 * live or as of an instant.
 */
package uk.crcledger.timeline.overview;
