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
 * A shared document is stored in {@value #PARTS} parts, {@code <id>|<part>}, the part chosen by the
 * contribution's sequence the way Axon chooses a segment ({@code hashCode & mask}). A processor has at
 * most {@value #PARTS} segments, so each part is written by one segment only and a batch can read,
 * merge and replace it without locks or compound filters (which the embedded server would answer by
 * scanning). Readers fetch the parts with one {@code _id $in} and combine them.
 * <p>
 * Writes are collected per processing batch and sent when the batch ends: one bulk write per
 * collection, every operation keyed by {@code _id}.
 */
public class MongoModel implements ModelReader {

    /** Parts of a shared document, and the most segments the processor may be split into. */
    public static final int PARTS = 16;

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
        List<String> ids = IntStream.range(0, PARTS).mapToObj(p -> partId(docId, p)).toList();
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

    static String partId(String docId, int part) {
        return docId + "|" + part;
    }

    static int partOf(String sequence) {
        return Objects.hashCode(sequence) & (PARTS - 1);
    }

    private MongoCollection<Document> collection(String base) {
        return database.getCollection(names.of(base));
    }

    public final class Batch implements ModelWriter {

        private final Map<String, Document> entries = new LinkedHashMap<>();
        /** Entries whose first event is in this batch: inserted (cheap), not replaced. */
        private final java.util.Set<String> created = new java.util.LinkedHashSet<>();
        /** Loaded parts by collection, then part id. */
        private final Map<String, Map<String, Document>> parts = new LinkedHashMap<>();
        /** The parts changed in this batch, by collection. */
        private final Map<String, Set<String>> dirty = new LinkedHashMap<>();

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
            String id = partId(docId, partOf(sequence));
            Map<String, Document> loaded = parts.computeIfAbsent(collection, c -> new LinkedHashMap<>());
            if (!loaded.containsKey(id)) {
                // One round trip for all parts of the document: the batch will likely touch several.
                List<String> ids = IntStream.range(0, PARTS).mapToObj(p -> partId(docId, p)).toList();
                for (String partId : ids) {
                    loaded.put(partId, new Document("_id", partId));
                }
                for (Document found : collection(collection).find(Filters.in("_id", ids))) {
                    loaded.put(found.getString("_id"), Packed.unpack(found));
                }
            }
            // Only the parts this segment contributes to are written back: the others belong to
            // other segments.
            dirty.computeIfAbsent(collection, c -> new java.util.HashSet<>()).add(id);
            Contributions.merge(loaded.get(id), key, contribution, version, positions);
        }

        /**
         * Sends the batch: the parts touched, then the entries. Entries go last because a replayed
         * revision that finds its entry already revised skips it: so the entry must only be written
         * once everything the revision spread is written.
         */
        public void flush() {
            parts.forEach((collection, loaded) -> {
                Map<String, Document> changed = new LinkedHashMap<>();
                Set<String> dirtyIds = dirty.getOrDefault(collection, Set.of());
                loaded.forEach((id, doc) -> {
                    if (dirtyIds.contains(id)) {
                        changed.put(id, doc);
                    }
                });
                replaceAll(collection, changed);
            });
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
            parts.clear();
            dirty.clear();
        }
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
