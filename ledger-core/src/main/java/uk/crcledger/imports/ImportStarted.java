package uk.crcledger.imports;

import uk.crcledger.entry.RecordedBy;

/** Someone started importing a file of {@code rows} entries whose bytes have SHA-256 {@code fileSha256}. */
public record ImportStarted(ImportId importId, String fileSha256, int rows, RecordedBy startedBy) {
}
