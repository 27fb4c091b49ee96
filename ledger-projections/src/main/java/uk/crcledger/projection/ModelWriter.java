package uk.crcledger.projection;

import org.bson.Document;

/**
 * What the ledger's projection writes. Two kinds of write, chosen so that processing segments can
 * run in parallel and a rebuild comes out identical whatever the batch boundaries:
 * <ul>
 *   <li>an <b>entry</b> document, written only by the one segment that handles that entry's
 *       events (they share a sequence);</li>
 *   <li>a <b>contribution</b> of one entry (or one registration) to a shared document (a CRC's or a
 *       provider's timeline, the ledger's registers), kept under its key with a version (the ledger
 *       position of its latest event): an older version never replaces a newer one, so replaying a
 *       batch changes nothing.</li>
 * </ul>
 * Each contribution names the {@code sequence} it belongs to (the entry id, or the registered
 * CRC's or provider's id), which is what the processor splits its segments by: a store may use it
 * to give every segment its own part of a shared document (see {@link MongoModel}).
 */
public interface ModelWriter {

    /** The entry's current document, or null. */
    Document currentEntry(String entryId);

    void saveEntry(Document entry);

    /** Saves an entry's first version (a store may insert rather than replace it). */
    default void createEntry(Document entry) {
        saveEntry(entry);
    }

    /**
     * Sets {@code contribution} (or, when null, a tombstone) under {@code key} in the shared document
     * {@code docId} of {@code collection}, unless a contribution with a version at least as new is
     * there already; and records that the events at {@code positions} concern that document.
     */
    void contribute(String collection, String docId, String sequence, String key, Document contribution,
                    long version, java.util.Collection<Long> positions);
}
