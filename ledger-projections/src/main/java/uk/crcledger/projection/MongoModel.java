package uk.crcledger.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    /** The storage layout's version; a read model stored in another layout is rebuilt. */
    public static final int LAYOUT = 2;
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
    public Optional<Document> entry(String entryId) {
        return Optional.ofNullable(Packed.unpack(
                collection(ReadModelCollections.ENTRIES).find(Filters.eq("_id", entryId)).first()));
    }

    @Override
    public List<Document> entries(Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        for (Document stored : collection(ReadModelCollections.ENTRIES).find(Filters.in("_id", entryIds))) {
            found.add(Packed.unpack(stored));
        }
        return found;
    }

    @Override
    public Optional<Document> document(String collection, String docId) {
        List<String> ids = ALL_BUCKETS.stream().map(b -> bucketId(docId, b)).toList();
        List<Document> parts = new ArrayList<>();
        for (Document stored : collection(collection).find(Filters.in("_id", ids))) {
            parts.add(Packed.unpack(stored));
        }
        return Optional.ofNullable(Contributions.combine(docId, parts));
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

        private final Map<String, Document> entries = new LinkedHashMap<>();
        /** Entries whose first event is in this batch: inserted (cheap), not replaced. */
        private final java.util.Set<String> created = new java.util.LinkedHashSet<>();
        /** Contributions in the order the events made them. */
        private final List<Contribution> pending = new ArrayList<>();

        @Override
        public Document currentEntry(String entryId) {
            Document cached = entries.get(entryId);
            if (cached != null) {
                return cached;
            }
            return entry(entryId).orElse(null);
        }

        @Override
        public void saveEntry(Document entry) {
            entries.put(entry.getString("_id"), entry);
        }

        @Override
        public void createEntry(Document entry) {
            entries.put(entry.getString("_id"), entry);
            created.add(entry.getString("_id"));
        }

        @Override
        public void contribute(String collection, String docId, String sequence, String key, Document contribution,
                               long version, java.util.Collection<Long> positions) {
            // Merged when the batch is sent: then every bucket the batch touches is read in one go.
            // Nothing in the projection reads a shared document while applying an event.
            pending.add(new Contribution(collection, bucketId(docId, bucketOf(sequence)), key, contribution, version,
                    List.copyOf(positions)));
        }

        /**
         * Sends the batch: the parts touched, then the entries. Entries go last because a replayed
         * revision that finds its entry already revised skips it: so the entry must only be written
         * once everything the revision spread is written.
         */
        public void flush() {
            Map<String, Map<String, Document>> buckets = new LinkedHashMap<>();
            for (Contribution c : pending) {
                buckets.computeIfAbsent(c.collection(), k -> new LinkedHashMap<>()).put(c.bucketId(), null);
            }
            buckets.forEach(this::load);
            for (Contribution c : pending) {
                Contributions.merge(buckets.get(c.collection()).get(c.bucketId()), c.key(), c.contribution(),
                        c.version(), c.positions());
            }
            buckets.forEach(MongoModel.this::replaceAll);
            Map<String, Document> replaced = new LinkedHashMap<>(entries);
            List<Document> inserted = new ArrayList<>();
            for (String id : created) {
                Document doc = replaced.remove(id);
                if (doc != null) {
                    inserted.add(doc);
                }
            }
            insertAll(ReadModelCollections.ENTRIES, inserted);
            replaceAll(ReadModelCollections.ENTRIES, replaced);
            entries.clear();
            created.clear();
            pending.clear();
        }

        /** Fills in the stored buckets (a new one starts empty), a chunk of ids per round trip. */
        private void load(String collection, Map<String, Document> buckets) {
            List<String> ids = new ArrayList<>(buckets.keySet());
            for (String id : ids) {
                buckets.put(id, new Document("_id", id));
            }
            for (int from = 0; from < ids.size(); from += LOAD_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOAD_CHUNK));
                for (Document found : collection(collection).find(Filters.in("_id", chunk))) {
                    buckets.put(found.getString("_id"), Packed.unpack(found));
                }
            }
        }
    }

    private record Contribution(String collection, String bucketId, String key, Document contribution, long version,
                                List<Long> positions) {
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
            collection(collection).insertMany(documents.stream().map(Packed::pack).toList(),
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
                new ReplaceOneModel<>(Filters.eq("_id", id), Packed.pack(doc), new ReplaceOptions().upsert(true))));
        collection(collection).bulkWrite(replaces, new BulkWriteOptions().ordered(true));
    }
}
