package uk.crcledger.timeline;

import com.github.benmanes.caffeine.cache.Cache;
import uk.crcledger.projection.ModelReader;
import uk.crcledger.projection.Version;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shared documents (timelines, registers) as last read, every version of every contribution,
 * kept while the read model stands where it stood. Any moment's answer is a selection over the same
 * versions, so answers about different instants share one read and one parse of a CRC's history:
 * that is what makes an as-of question about a new instant cost little more than the selection.
 * Entries are read as they are asked for (a page reads few).
 * <p>
 * A document read a part at a time is kept only if it is small enough ({@code keepAtMost} versions):
 * a busy CRC's history at a million events would otherwise take a large share of the heap per copy,
 * and readers of different CRCs would each parse one whole while the cache evicts another. Such a
 * document is read again by each answer derived from it, so two answers under one stamp can read it a
 * batch apart if the processor writes one between them before storing its token (the same as when the
 * cache evicted a document before); the next token gives a new stamp and both are derived again.
 */
final class RecentDocuments implements ModelReader {

    private final ModelReader stored;
    private final Cache<List<Object>, Map<String, ? extends List<? extends Version<?>>>> documents;
    private final Object stamp;
    private final long keepAtMost;

    RecentDocuments(ModelReader stored, Cache<List<Object>, Map<String, ? extends List<? extends Version<?>>>> documents,
                    Object stamp, long keepAtMost) {
        this.stored = stored;
        this.documents = documents;
        this.stamp = stamp;
        this.keepAtMost = keepAtMost;
    }

    @Override
    public <E> Optional<E> entry(String entryId, Class<E> type) {
        return stored.entry(entryId, type);
    }

    @Override
    public <E> List<E> entries(Collection<String> entryIds, Class<E> type) {
        return stored.entries(entryIds, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Map<String, List<Version<V>>> shared(String collection, String docId, Class<V> valueType) {
        return (Map<String, List<Version<V>>>) documents.get(Arrays.asList(stamp, collection, docId, valueType),
                key -> Map.copyOf(stored.shared(collection, docId, valueType)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void sharedInParts(String collection, String docId, Class<V> valueType,
                                  Consumer<Map<String, List<Version<V>>>> eachPart) {
        List<Object> key = Arrays.asList(stamp, collection, docId, valueType);
        Map<String, List<Version<V>>> known = (Map<String, List<Version<V>>>) documents.getIfPresent(key);
        if (known != null) {
            eachPart.accept(known);
            return;
        }
        Map<String, List<Version<V>>> kept = new HashMap<>();
        long[] weight = {0};
        stored.sharedInParts(collection, docId, valueType, part -> {
            if (weight[0] <= keepAtMost) {
                weight[0] += weigh(null, part);
                if (weight[0] <= keepAtMost) {
                    kept.putAll(part);
                } else {
                    kept.clear();
                }
            }
            eachPart.accept(part);
        });
        if (weight[0] <= keepAtMost) {
            documents.put(key, Map.copyOf(kept));
        }
    }

    /** A document's weight in the cache: how many versions it holds. */
    static int weigh(List<Object> key, Map<String, ? extends List<? extends Version<?>>> document) {
        int versions = 1;
        for (List<? extends Version<?>> each : document.values()) {
            versions += each.size();
        }
        return versions;
    }
}
