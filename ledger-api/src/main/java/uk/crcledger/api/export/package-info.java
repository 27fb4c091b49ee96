/**
 * Exports of the ledger for journalists and other tools, each built from the same read-model
 * queries as the JSON API: timelines as CSV ({@link uk.crcledger.api.export.CsvTimeline}, written by
 * {@link uk.crcledger.api.export.CsvTableMessageConverter}) and as
 * TimelineJS JSON ({@link uk.crcledger.api.export.TimelineJsTimeline}), an Atom feed of recordings and
 * corrections ({@link uk.crcledger.api.export.LedgerFeed}) and contract awards and ends as OCDS 1.1
 * releases ({@link uk.crcledger.api.export.OcdsReleases}).
 */
package uk.crcledger.api.export;
