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
        return Optional.ofNullable(collection(ReadModelCollections.ENTRIES).find(Filters.eq("_id", entryId)).first());
    }

    @Override
    public List<Document> entries(Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        return collection(ReadModelCollections.ENTRIES).find(Filters.in("_id", entryIds)).into(new ArrayList<>());
    }

    @Override
    public Optional<Document> document(String collection, String docId) {
        List<String> ids = IntStream.range(0, PARTS).mapToObj(p -> partId(docId, p)).toList();
        List<Document> parts = collection(collection).find(Filters.in("_id", ids)).into(new ArrayList<>());
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
        /** Loaded parts by collection, then part id; all of them are written back at flush. */
        private final Map<String, Map<String, Document>> parts = new LinkedHashMap<>();

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
        public void contribute(String collection, String docId, String sequence, String key, Document contribution,
                               long version, long position) {
            String id = partId(docId, partOf(sequence));
            Document part = parts.computeIfAbsent(collection, c -> new LinkedHashMap<>()).computeIfAbsent(id,
                    k -> Optional.ofNullable(collection(collection).find(Filters.eq("_id", k)).first())
                            .orElseGet(() -> new Document("_id", k)));
            Contributions.merge(part, key, contribution, version, position);
        }

        /** Sends the batch: entries, then every part touched. */
        public void flush() {
            replaceAll(ReadModelCollections.ENTRIES, entries);
            parts.forEach(MongoModel.this::replaceAll);
            entries.clear();
            parts.clear();
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
