package uk.crcledger.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the queries read: entries by id and shared documents by id, nothing else (no scans). */
public interface ModelReader {

    <E> Optional<E> entry(String entryId, Class<E> type);

    /** The entries with these ids that exist, in no particular order. */
    <E> List<E> entries(Collection<String> entryIds, Class<E> type);

    /** A shared document's contributions, by key, every version of each in position order; empty if none. */
    <V> Map<String, List<Version<V>>> shared(String collection, String docId, Class<V> valueType);

    /**
     * A shared document's contributions a part at a time, each part's keys with every version in
     * position order; a key is in one part only, since a contribution's part follows its sequence and
     * the projection contributes each key under one sequence.
     * <p>
     * Why: a busy CRC's timeline holds tens of thousands of entries at a million events; a reader that
     * pages or sums it needs one part in memory at a time, not all of it, whatever the number of readers.
     */
    <V> void sharedInParts(String collection, String docId, Class<V> valueType,
                           Consumer<Map<String, List<Version<V>>>> eachPart);
}
