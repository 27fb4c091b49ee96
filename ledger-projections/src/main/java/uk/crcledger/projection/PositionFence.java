package uk.crcledger.projection;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a stale owner of a segment from overwriting a newer owner's parts of the read model.
 * <p>
 * Why: when an instance stalls past its claim (a GC pause, a network partition), another instance
 * claims the segment and writes its entries and bucket heads further along; the stalled one may still
 * send its batch before Axon tells it, at the token, that the claim is gone. Each part an owner
 * rewrites (an entry, a bucket head) is a function of the ledger up to the last position it took in,
 * so a write may only replace a part written up to an earlier position. Every such part carries
 * {@value #FIELD}: its id and that position, {@code <_id>@<position>}, under a sparse unique index. A
 * write replaces the part it read, matched by that exact value, which both the embedded server (which
 * uses an index only for an exact match on every key of a unique index) and a replica set answer from
 * the index, atomically per document. A write that matches nothing finds the part moved by another
 * writer: it looks again and replaces it only if it is still behind, so the part never goes back.
 */
final class PositionFence {

    static final String FIELD = "upTo";
    private static final String INDEX = "upTo";
    private static final int DUPLICATE_KEY = 11000;

    private PositionFence() {
    }

    /** A part of the read model to write: its document, where it was read, where it is written up to. */
    record Part(String id, Document document, Long read, long upTo) {

        Part {
            document.append(FIELD, mark(id, upTo));
        }

        Part readAt(Long stored) {
            return new Part(id, document, stored, upTo);
        }
    }

    static String mark(String id, long position) {
        return id + "@" + position;
    }

    /** The position a stored part was written up to, or null for a document without one. */
    static Long upTo(Document stored) {
        String mark = stored == null ? null : stored.getString(FIELD);
        return mark == null ? null : Long.parseLong(mark.substring(mark.lastIndexOf('@') + 1));
    }

    static void index(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending(FIELD), new IndexOptions().unique(true).sparse(true).name(INDEX));
    }

    /**
     * Writes the parts, each only over the part as it was read (or where none was); a part found
     * moved since is written over it if still behind, else left to the newer writer.
     */
    static void write(MongoCollection<Document> collection, List<Part> parts) {
        List<Part> pending = parts;
        while (!pending.isEmpty()) {
            List<Part> moved = new ArrayList<>(insertNew(collection, pending.stream().filter(p -> p.read() == null)
                    .toList()));
            moved.addAll(replaceAsRead(collection, pending.stream().filter(p -> p.read() != null).toList()));
            if (moved.isEmpty()) {
                return;
            }
            Map<String, Long> stored = new HashMap<>();
            for (Document found : collection.find(Filters.in("_id", moved.stream().map(Part::id).toList()))) {
                Long upTo = upTo(found);
                if (upTo == null) {
                    throw new IllegalStateException(found.getString("_id") + " in " + collection.getNamespace()
                            + " was written without a position, by another storage layout");
                }
                stored.put(found.getString("_id"), upTo);
            }
            pending = moved.stream().map(p -> p.readAt(stored.get(p.id())))
                    .filter(p -> p.read() == null || p.read() < p.upTo()).toList();
        }
    }

    /** Inserts the parts; those already stored come back. */
    private static List<Part> insertNew(MongoCollection<Document> collection, List<Part> parts) {
        List<Part> taken = new ArrayList<>();
        for (int index : duplicatesOf(collection, parts.stream().map(Part::document).toList())) {
            taken.add(parts.get(index));
        }
        return taken;
    }

    /**
     * Inserts the documents in one command and answers the indexes of those whose {@code _id} was
     * already taken.
     */
    static List<Integer> duplicatesOf(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
            return List.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            List<Integer> taken = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                taken.add(error.getIndex());
            }
            return taken;
        }
    }

    /**
     * Replaces each part where it is stored as it was read. The reply counts matches but does not say
     * which: when one is missing (rare: only after another instance took the segment) all come back
     * to be looked at again.
     */
    private static List<Part> replaceAsRead(MongoCollection<Document> collection, List<Part> parts) {
        if (parts.isEmpty()) {
            return List.of();
        }
        List<WriteModel<Document>> replaces = new ArrayList<>(parts.size());
        for (Part part : parts) {
            replaces.add(new ReplaceOneModel<>(Filters.eq(FIELD, mark(part.id(), part.read())), part.document()));
        }
        int matched = collection.bulkWrite(replaces, new BulkWriteOptions().ordered(false)).getMatchedCount();
        return matched == parts.size() ? List.of() : parts;
    }
}
