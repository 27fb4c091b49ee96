package uk.crcledger.api.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The imports' progress, in the collection {@value #COLLECTION}, one document per import keyed by its id:
 * {@code {_id, state, startedBy, startedAt, updatedAt, finishedAt, fileSha256, total, recorded, alreadyRecorded,
 * failed, problems: [{row, field, message}]}}. Only storage: when an import's progress is written is
 * {@code imports.ImportRunner}'s business; the import's start and end are also facts of the ledger.
 */
@Component
public class MongoImports {

    public static final String COLLECTION = "imports";

    private final MongoCollection<Document> imports;

    public MongoImports(@Qualifier("ledgerDatabase") MongoDatabase ledgerDatabase) {
        this.imports = ledgerDatabase.getCollection(COLLECTION);
    }

    /** A failed row as stored. */
    public record StoredProblem(int row, String field, String message) {
    }

    /**
     * An import as stored.
     *
     * @param state      {@code running}, {@code finished} or {@code interrupted}
     * @param finishedAt null until it ends
     */
    public record StoredImport(String id, String state, String startedBy, Instant startedAt, Instant updatedAt,
                               Instant finishedAt, String fileSha256, int total, int recorded, int alreadyRecorded,
                               int failed, List<StoredProblem> problems) {
    }

    /** Writes the import's state as it is now, replacing what was stored. */
    public void save(StoredImport stored) {
        Document document = new Document("_id", stored.id())
                .append("state", stored.state())
                .append("startedBy", stored.startedBy())
                .append("startedAt", date(stored.startedAt()))
                .append("updatedAt", date(stored.updatedAt()))
                .append("finishedAt", date(stored.finishedAt()))
                .append("fileSha256", stored.fileSha256())
                .append("total", stored.total())
                .append("recorded", stored.recorded())
                .append("alreadyRecorded", stored.alreadyRecorded())
                .append("failed", stored.failed())
                .append("problems", stored.problems().stream().map(p -> new Document("row", p.row())
                        .append("field", p.field()).append("message", p.message())).toList());
        imports.replaceOne(Filters.eq("_id", stored.id()), document, new ReplaceOptions().upsert(true));
    }

    public Optional<StoredImport> find(String id) {
        Document found = imports.find(Filters.eq("_id", id)).first();
        if (found == null) {
            return Optional.empty();
        }
        List<StoredProblem> problems = found.getList("problems", Document.class, List.of()).stream()
                .map(p -> new StoredProblem(p.getInteger("row"), p.getString("field"), p.getString("message")))
                .toList();
        return Optional.of(new StoredImport(found.getString("_id"), found.getString("state"),
                found.getString("startedBy"), instant(found.getDate("startedAt")), instant(found.getDate("updatedAt")),
                instant(found.getDate("finishedAt")), found.getString("fileSha256"), found.getInteger("total"),
                found.getInteger("recorded"), found.getInteger("alreadyRecorded"), found.getInteger("failed"),
                problems));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
