package uk.crcledger.projection;

import org.bson.Document;

/**
 * What the ledger's projection writes. Two kinds of write, chosen so that processing segments can
 * run in parallel and a rebuild comes out identical whatever the interleaving:
 * <ul>
 *   <li>an <b>entry</b> document, written only by the one segment that handles that entry's
 *       events (they share a sequence), so it is a plain read-modify-write;</li>
 *   <li>a <b>contribution</b> of one entry to a shared document (a CRC's or a provider's timeline,
 *       the ledger's registers), set under its key only if its version (the ledger position of the
 *       entry's latest event) is newer than the one there. Such writes commute: the shared document
 *       ends the same whichever segment writes first.</li>
 * </ul>
 */
public interface ModelWriter {

    /** The entry's current document, or null. */
    Document currentEntry(String entryId);

    void saveEntry(Document entry);

    /**
     * Sets {@code contribution} (or, when null, a tombstone) under {@code key} in the document
     * {@code docId} of {@code collection}, unless a contribution with a version at least as new is
     * there already; and records that the event at {@code position}, recorded at {@code at},
     * concerns that document (for as-of answers).
     */
    void contribute(String collection, String docId, String key, Document contribution, long version,
                    long position, String at);
}
