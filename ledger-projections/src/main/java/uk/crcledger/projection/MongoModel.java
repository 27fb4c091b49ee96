package uk.crcledger.projection;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model in MongoDB, for one version of the collections. Reads go straight to the server
 * (by {@code _id}); writes are collected per processing batch and sent with one bulk write per
 * collection when the batch commits, so a replay costs a few round trips per batch, not per event.
 */
public class MongoModel implements ModelReader {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoDatabase database;
    private final ReadModelCollections names;

    public MongoModel(MongoDatabase database, ReadModelCollections names) {
        this.database = database;
        this.names = names;
    }

    public ReadModelCollections names() {
        return names;
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
        return Optional.ofNullable(collection(collection).find(Filters.eq("_id", docId)).first());
    }

    /** A writer that collects this batch's writes; {@link Batch#flush()} sends them. */
    public Batch batch() {
        return new Batch();
    }

    MongoCollection<Document> collection(String base) {
        return database.getCollection(names.of(base));
    }

    public final class Batch implements ModelWriter {

        private final Map<String, Document> entries = new LinkedHashMap<>();
        private final Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        private final Map<String, Boolean> ensured = new HashMap<>();

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
        public void contribute(String collection, String docId, String key, Document contribution, long version,
                               long position, String at) {
            List<WriteModel<Document>> models = writes.computeIfAbsent(collection, c -> new ArrayList<>());
            if (ensured.putIfAbsent(collection + "\u0000" + docId, true) == null) {
                models.add(new UpdateOneModel<>(Filters.eq("_id", docId), Updates.setOnInsert("_id", docId),
                        new UpdateOptions().upsert(true)));
            }
            String path = Contributions.FIELD + "." + key;
            Document value = contribution == null ? new Document(Contributions.REMOVED, true)
                    : new Document(contribution);
            value.put(Contributions.VERSION, version);
            Bson newer = Filters.or(Filters.exists(path, false), Filters.lt(path + "." + Contributions.VERSION, version));
            models.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", docId), newer), Updates.set(path, value)));
            // Sorted, without duplicates: the same whatever order segments (or a replayed batch) add them.
            models.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", docId), Filters.ne(Contributions.EVENTS, position)),
                    Updates.pushEach(Contributions.EVENTS, List.of(position), new PushOptions().sortDocument(null).sort(1))));
        }

        /** Sends the batch: entries first, then each collection's updates in order. */
        public void flush() {
            if (!entries.isEmpty()) {
                List<WriteModel<Document>> replaces = new ArrayList<>();
                entries.forEach((id, doc) -> replaces.add(
                        new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true))));
                write(ReadModelCollections.ENTRIES, replaces);
            }
            writes.forEach(MongoModel.this::writeTo);
            entries.clear();
            writes.clear();
            ensured.clear();
        }
    }

    private void writeTo(String collection, List<WriteModel<Document>> models) {
        write(collection, models);
    }

    private void write(String collection, List<WriteModel<Document>> models) {
        if (models.isEmpty()) {
            return;
        }
        try {
            collection(collection).bulkWrite(models, new BulkWriteOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
            // A concurrent segment created the document between our upsert and its own: retry the rest.
            int failed = e.getWriteErrors().get(0).getIndex();
            write(collection, models.subList(failed + 1, models.size()));
        }
    }
}
