package uk.crcledger.projection;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The read model in MongoDB, for one version of the collections.
 * <p>
 * A shared document is stored in up to {@value #BUCKETS} buckets, {@code <id>|<bucket>}, the bucket
 * chosen by the contribution's sequence the way Axon chooses a segment ({@code hashCode & mask}). A
 * processor has at most {@value #MAX_SEGMENTS} segments, and a segment's mask keeps fewer bits than the
 * bucket's, so each bucket is written by one segment only and a batch can read, merge and replace it
 * without locks or compound filters (which the embedded server would answer by scanning). Readers
 * fetch the buckets with one {@code _id $in} and combine them.
 * <p>
 * Why so many buckets: a batch rewrites every bucket it touches whole, so the cost of recording one
 * entry follows the size of its bucket. With {@value #BUCKETS} buckets a CRC with thousands of entries
 * keeps buckets of a few dozen, and a replay's cost stays linear in the number of events instead of
 * growing with the size of the busiest timelines.
 * <p>
 * Writes are collected per processing batch and sent when the batch ends: the buckets the batch
 * touches are read with one {@code _id $in} per collection, merged, and written back with one bulk
 * write per collection, every operation keyed by {@code _id}.
 */
public class MongoModel implements ModelReader {

    /** The most segments the processor may be split into. */
    public static final int MAX_SEGMENTS = 16;
    /**
     * Buckets of a shared document: a multiple of {@link #MAX_SEGMENTS}, so that a bucket belongs to
     * one segment. Changing it changes where contributions are stored: bump {@link #LAYOUT} with it.
     */
    public static final int BUCKETS = 64;
    /**
     * The storage layout's version; a read model stored in another layout is rebuilt. 3: typed
     * records as JSON, every version of a contribution kept (as-of answers select, not replay).
     */
    public static final int LAYOUT = 3;
    /** Ids per {@code $in} query when a batch loads the buckets it touches. */
    private static final int LOAD_CHUNK = 50;
    private static final List<Integer> ALL_BUCKETS = IntStream.range(0, BUCKETS).boxed().toList();

    private final MongoDatabase database;
    private final ReadModelCollections names;

    public MongoModel(MongoDatabase database, ReadModelCollections names) {
        this.database = database;
        this.names = names;
    }

    @Override
    public <E> Optional<E> entry(String entryId, Class<E> type) {
        byte[] json = Packed.unpack(collection(ReadModelCollections.ENTRIES).find(Filters.eq("_id", entryId)).first());
        return Optional.ofNullable(json == null ? null : ReadModelJson.read(json, ReadModelJson.type(type)));
    }

    @Override
    public <E> List<E> entries(Collection<String> entryIds, Class<E> type) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        JavaType javaType = ReadModelJson.type(type);
        List<E> found = new ArrayList<>();
        for (Document stored : collection(ReadModelCollections.ENTRIES).find(Filters.in("_id", entryIds))) {
            found.add(ReadModelJson.read(Packed.unpack(stored), javaType));
        }
        return found;
    }

    @Override
    public <V> Map<String, List<Version<V>>> shared(String collection, String docId, Class<V> valueType) {
        List<String> ids = ALL_BUCKETS.stream().map(b -> bucketId(docId, b)).toList();
        JavaType type = ReadModelJson.sharedType(valueType);
        Map<String, List<Version<V>>> all = new TreeMap<>();
        for (Document stored : collection(collection).find(Filters.in("_id", ids))) {
            Map<String, List<Version<V>>> bucket = ReadModelJson.read(Packed.unpack(stored), type);
            all.putAll(bucket);
        }
        return all;
    }

    /** A writer that collects one processing batch's writes; {@link Batch#flush()} sends them. */
    public Batch batch() {
        return new Batch();
    }

    static String bucketId(String docId, int bucket) {
        return docId + "|" + bucket;
    }

    /** The bucket of a sequence: its low bits are the segment Axon gives the sequence, for any segment count. */
    static int bucketOf(String sequence) {
        return Objects.hashCode(sequence) & (BUCKETS - 1);
    }

    private MongoCollection<Document> collection(String base) {
        return database.getCollection(names.of(base));
    }

    public final class Batch implements ModelWriter {

        private final Map<String, Object> entries = new LinkedHashMap<>();
        /** Entries whose first event is in this batch: inserted (cheap), not replaced. */
        private final java.util.Set<String> created = new java.util.LinkedHashSet<>();
        /** Contributions in the order the events made them. */
        private final List<Contribution> pending = new ArrayList<>();

        @Override
        public <E> E currentEntry(String entryId, Class<E> type) {
            Object cached = entries.get(entryId);
            if (cached != null) {
                return type.cast(cached);
            }
            return entry(entryId, type).orElse(null);
        }

        @Override
        public void saveEntry(String entryId, Object entry) {
            entries.put(entryId, entry);
        }

        @Override
        public void createEntry(String entryId, Object entry) {
            entries.put(entryId, entry);
            created.add(entryId);
        }

        @Override
        public void contribute(String collection, String docId, String sequence, String key, Version<?> version) {
            pending.add(new Contribution(collection, bucketId(docId, bucketOf(sequence)), key,
                    ReadModelJson.MAPPER.valueToTree(version), version.position()));
        }

        /**
         * Sends the batch: shared buckets first, then entries, so a reader that finds an entry's
         * revision finds everything it spread.
         */
        public void flush() {
            Map<String, Map<String, TreeMap<String, ArrayNode>>> buckets = new LinkedHashMap<>();
            for (Contribution c : pending) {
                buckets.computeIfAbsent(c.collection(), k -> new LinkedHashMap<>()).put(c.bucketId(), null);
            }
            buckets.forEach(this::load);
            for (Contribution c : pending) {
                ArrayNode versions = buckets.get(c.collection()).get(c.bucketId())
                        .computeIfAbsent(c.key(), k -> ReadModelJson.MAPPER.createArrayNode());
                insert(versions, c.version(), c.position());
            }
            buckets.forEach((collection, loaded) -> {
                Map<String, Document> documents = new LinkedHashMap<>();
                loaded.forEach((id, bucket) -> documents.put(id, Packed.pack(id, ReadModelJson.write(bucket))));
                replaceAll(collection, documents);
            });
            Map<String, Document> replaced = new LinkedHashMap<>();
            List<Document> inserted = new ArrayList<>();
            entries.forEach((id, entry) -> {
                Document doc = Packed.pack(id, ReadModelJson.write(entry));
                if (created.contains(id)) {
                    inserted.add(doc);
                } else {
                    replaced.put(id, doc);
                }
            });
            insertAll(ReadModelCollections.ENTRIES, inserted);
            replaceAll(ReadModelCollections.ENTRIES, replaced);
            entries.clear();
            created.clear();
            pending.clear();
        }

        /** A version goes in position order, once: a replayed batch adds nothing. */
        private static void insert(ArrayNode versions, JsonNode version, long position) {
            int at = versions.size();
            while (at > 0) {
                long before = versions.get(at - 1).get("position").asLong();
                if (before == position) {
                    return;
                }
                if (before < position) {
                    break;
                }
                at--;
            }
            versions.insert(at, version);
        }

        /** Fills in the stored buckets (a new one starts empty), a chunk of ids per round trip. */
        private void load(String collection, Map<String, TreeMap<String, ArrayNode>> buckets) {
            List<String> ids = new ArrayList<>(buckets.keySet());
            for (String id : ids) {
                buckets.put(id, new TreeMap<>());
            }
            for (int from = 0; from < ids.size(); from += LOAD_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOAD_CHUNK));
                for (Document found : collection(collection).find(Filters.in("_id", chunk))) {
                    TreeMap<String, ArrayNode> bucket = buckets.get(found.getString("_id"));
                    try {
                        JsonNode stored = ReadModelJson.MAPPER.readTree(Packed.unpack(found));
                        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> field = it.next();
                            bucket.put(field.getKey(), (ArrayNode) field.getValue());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("Could not read bucket " + found.getString("_id"), e);
                    }
                }
            }
        }
    }

    private record Contribution(String collection, String bucketId, String key, JsonNode version, long position) {
    }

    /**
     * Inserts in one command; a document already there (a batch replayed after a crash) is replaced
     * instead.
     */
    private void insertAll(String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection(collection).insertMany(documents,
                    new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            Map<String, Document> again = new LinkedHashMap<>();
            for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
                Document doc = documents.get(error.getIndex());
                again.put(doc.getString("_id"), doc);
            }
            replaceAll(collection, again);
        }
    }

    private void replaceAll(String collection, Map<String, Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> replaces = new ArrayList<>(documents.size());
        documents.forEach((id, doc) -> replaces.add(
                new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true))));
        collection(collection).bulkWrite(replaces, new BulkWriteOptions().ordered(true));
    }
}
