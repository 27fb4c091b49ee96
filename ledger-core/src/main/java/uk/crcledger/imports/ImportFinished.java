package uk.crcledger.imports;

import uk.crcledger.entry.RecordedBy;

/** An import ended: of its rows, {@code recorded} were recorded by it, {@code alreadyRecorded} were in the ledger
 * before, {@code failed} were refused. */
public record ImportFinished(ImportId importId, int recorded, int alreadyRecorded, int failed,
                             RecordedBy finishedBy) {
}
