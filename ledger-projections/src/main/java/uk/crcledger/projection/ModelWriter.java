package uk.crcledger.projection;

/**
 * What the ledger's projection writes. Two kinds of write, chosen so that processing segments can
 * run in parallel and a rebuild comes out identical whatever the batch boundaries:
 * <ul>
 *   <li>an <b>entry</b> document, written only by the one segment that handles that entry's
 *       events (they share a sequence);</li>
 *   <li>a <b>version</b> of one entry's (or one registration's) contribution to a shared document
 *       (a CRC's or a provider's timeline, the ledger's registers), kept under its key beside the
 *       earlier versions; a version already there (a replayed batch) is not added again.</li>
 * </ul>
 * Each contribution names the {@code sequence} it belongs to (the entry id, or the registered
 * CRC's or provider's id), which is what the processor splits its segments by: a store may use it
 * to give every segment its own part of a shared document (see {@link MongoModel}).
 */
public interface ModelWriter {

    /** The entry's current document, or null. */
    <E> E currentEntry(String entryId, Class<E> type);

    /**
     * Saves the entry as it stands after its events up to ledger position {@code upTo}; a store keeps
     * a later one written meanwhile (by an instance that took the segment over) instead.
     */
    void saveEntry(String entryId, Object entry, long upTo);

    /** Saves an entry's first version (a store may insert rather than replace it). */
    default void createEntry(String entryId, Object entry, long upTo) {
        saveEntry(entryId, entry, upTo);
    }

    /** Adds {@code version} under {@code key} in the shared document {@code docId} of {@code collection}. */
    void contribute(String collection, String docId, String sequence, String key, Version<?> version);
}
