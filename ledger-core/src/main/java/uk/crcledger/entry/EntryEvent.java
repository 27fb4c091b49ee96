package uk.crcledger.entry;

/**
 * An event about one ledger entry: its recording, a correction, a retraction, a withheld revision. Read models
 * key and order their work by {@link #entryId()}, whatever stream the entry lives in.
 */
public interface EntryEvent {

    EntryId entryId();
}
