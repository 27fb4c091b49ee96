package uk.crcledger.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the queries read: entries by id and shared documents by id, nothing else (no scans). */
public interface ModelReader {

    <E> Optional<E> entry(String entryId, Class<E> type);

    /** The entries with these ids that exist, in no particular order. */
    <E> List<E> entries(Collection<String> entryIds, Class<E> type);

    /** A shared document's contributions, by key, every version of each in position order; empty if none. */
    <V> Map<String, List<Version<V>>> shared(String collection, String docId, Class<V> valueType);
}
