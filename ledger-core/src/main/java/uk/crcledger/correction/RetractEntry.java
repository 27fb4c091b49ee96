package uk.crcledger.correction;

import uk.crcledger.entry.EntryId;

/** Withdraw a recorded entry, e.g. one recorded in error. Who retracts comes from metadata {@code recordedBy}. */
public record RetractEntry(EntryId entryId, String reason) {
}
