package uk.crcledger.correction;

import uk.crcledger.entry.EntryEvent;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.RecordedBy;

import java.time.LocalDate;

/** An entry was withdrawn. It stays in the ledger, marked retracted, and can no longer be revised. */
public record EntryRetracted(EntryId entryId, EntryType type, String reason, RecordedBy recordedBy,
                             LocalDate retractedOn) implements EntryEvent {
}
