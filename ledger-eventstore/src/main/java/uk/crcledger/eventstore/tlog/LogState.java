package uk.crcledger.eventstore.tlog;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What the log keeps besides its tiles, each read by {@code _id}: the integrated tree (its size and
 * the compact range's nodes, written after the tiles they summarise), the latest signed checkpoint,
 * every checkpoint ever signed (by size, never replaced), and a tamper alarm once raised.
 */
public final class LogState {

    static final String STATE = "tlog_state";
    static final String CHECKPOINTS = "tlog_checkpoints";
    private static final String TREE = "tree";
    private static final String LATEST = "checkpoint";
    private static final String ALARM = "alarm";

    private final MongoCollection<Document> state;
    private final MongoCollection<Document> checkpoints;

    public LogState(MongoDatabase database) {
        this.state = database.getCollection(STATE);
        this.checkpoints = database.getCollection(CHECKPOINTS);
    }

    /** The integrated tree: its size and the compact range's nodes (left to right). */
    public record Tree(long size, List<byte[]> nodes, byte[] root) {
        static final Tree EMPTY = new Tree(0, List.of(), null);
    }

    /** A checkpoint as signed: its size, root and the signed note's text. */
    public record SignedCheckpoint(long size, byte[] root, String note, Instant signedAt) {
    }

    /** The first tampering found: where, and what. */
    public record Alarm(long position, String problem, Instant raisedAt, String raisedBy) {
    }

    public Tree tree() {
        Document tree = state.find(Filters.eq("_id", TREE)).first();
        if (tree == null) {
            return Tree.EMPTY;
        }
        return new Tree(tree.getLong("size"),
                tree.getList("nodes", Binary.class).stream().map(Binary::getData).toList(),
                tree.get("root", Binary.class).getData());
    }

    void saveTree(long size, List<byte[]> nodes, byte[] root) {
        state.replaceOne(Filters.eq("_id", TREE), new Document("_id", TREE).append("size", size)
                        .append("nodes", nodes.stream().map(Binary::new).toList()).append("root", new Binary(root)),
                new ReplaceOptions().upsert(true));
    }

    public Optional<SignedCheckpoint> latest() {
        return Optional.ofNullable(state.find(Filters.eq("_id", LATEST)).first()).map(LogState::checkpoint);
    }

    public Optional<SignedCheckpoint> signed(long size) {
        return Optional.ofNullable(checkpoints.find(Filters.eq("_id", size)).first()).map(LogState::checkpoint);
    }

    /**
     * Keeps a newly signed checkpoint (never replacing one of the same size) and makes it the latest.
     * Answers the checkpoint kept for that size: an earlier one if this size was already signed.
     */
    SignedCheckpoint keep(SignedCheckpoint signed) {
        Document document = new Document("_id", signed.size()).append("size", signed.size())
                .append("root", new Binary(signed.root())).append("note", signed.note())
                .append("signedAt", Date.from(signed.signedAt()));
        try {
            checkpoints.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            document = checkpoints.find(Filters.eq("_id", signed.size())).first();
        }
        Document latest = new Document(document);
        latest.put("_id", LATEST);
        state.replaceOne(Filters.eq("_id", LATEST), latest, new ReplaceOptions().upsert(true));
        return checkpoint(document);
    }

    public Optional<Alarm> alarm() {
        return Optional.ofNullable(state.find(Filters.eq("_id", ALARM)).first())
                .map(a -> new Alarm(a.getLong("position"), a.getString("problem"), a.getDate("raisedAt").toInstant(),
                        a.getString("raisedBy")));
    }

    /** Raises the alarm unless one is raised already: the first finding is kept. */
    void raise(Alarm alarm) {
        try {
            state.insertOne(new Document("_id", ALARM).append("position", alarm.position())
                    .append("problem", alarm.problem()).append("raisedAt", Date.from(alarm.raisedAt()))
                    .append("raisedBy", alarm.raisedBy()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static SignedCheckpoint checkpoint(Document document) {
        return new SignedCheckpoint(document.getLong("size"), document.get("root", Binary.class).getData(),
                document.getString("note"), document.getDate("signedAt").toInstant());
    }
}
