package uk.crcledger.api.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The idempotency keys' documents, in the collection {@value #COLLECTION}, keyed by {@code _id} (the caller and the
 * key): {@code {_id, fingerprint, state: "running", createdAt}} while the first request runs, then
 * {@code {_id, fingerprint, state: "done", status, location, contentType, body: <binary>, createdAt}}. Only storage:
 * when a key is claimed, replayed or freed is {@code idempotency.IdempotentRequests}' business.
 */
@Component
public class MongoIdempotencyKeys {

    public static final String COLLECTION = "idempotency_keys";

    private final MongoCollection<Document> keys;

    public MongoIdempotencyKeys(@Qualifier("ledgerDatabase") MongoDatabase ledgerDatabase) {
        this.keys = ledgerDatabase.getCollection(COLLECTION);
    }

    /**
     * A key as stored.
     *
     * @param state       {@code "running"} while the first request runs, {@code "done"} once its answer is kept
     * @param status      the kept answer's status, {@code null} while running
     * @param location    its {@code Location} header, if any
     * @param contentType its content type, if any
     * @param body        its body, {@code null} while running
     */
    public record KeptKey(String fingerprint, String state, Instant createdAt, Integer status, String location,
                          String contentType, byte[] body) {

        public boolean running() {
            return "running".equals(state);
        }

        public boolean done() {
            return "done".equals(state);
        }
    }

    /** The key stored under {@code id}, running or done. */
    public Optional<KeptKey> find(String id) {
        Document found = keys.find(Filters.eq("_id", id)).first();
        if (found == null) {
            return Optional.empty();
        }
        Binary body = found.get("body", Binary.class);
        Date createdAt = found.getDate("createdAt");
        return Optional.of(new KeptKey(found.getString("fingerprint"), found.getString("state"),
                createdAt == null ? null : createdAt.toInstant(), found.getInteger("status"), found.getString("location"),
                found.getString("contentType"), body == null ? null : body.getData()));
    }

    /**
     * Claims the key for a request that starts now.
     *
     * @return {@code false} when it is claimed already
     */
    public boolean claim(String id, String fingerprint, Instant createdAt) {
        try {
            keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "running")
                    .append("createdAt", Date.from(createdAt)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /** Frees a claim still running since {@code createdAt}, and no other (another request may have claimed it since). */
    public void freeAbandoned(String id, Instant createdAt) {
        keys.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "running"),
                Filters.eq("createdAt", Date.from(createdAt))));
    }

    /** Keeps the first request's answer under its key. */
    public void keep(String id, String fingerprint, int status, String location, String contentType, byte[] body,
                     Instant createdAt) {
        keys.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("fingerprint", fingerprint)
                .append("state", "done")
                .append("status", status)
                .append("location", location)
                .append("contentType", contentType)
                .append("body", new Binary(body))
                .append("createdAt", Date.from(createdAt)));
    }

    /** Frees the key, whatever its state. */
    public void free(String id) {
        keys.deleteOne(Filters.eq("_id", id));
    }
}
