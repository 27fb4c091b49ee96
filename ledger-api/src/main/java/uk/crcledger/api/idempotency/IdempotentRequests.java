package uk.crcledger.api.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uk.crcledger.api.observability.LedgerMetrics;
import uk.crcledger.api.problem.BadRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a POST at most once per {@code Idempotency-Key} (per caller): the first request's answer is
 * kept and returned to every retry with the same key and the same request; the same key with
 * another request is refused (422). The key is claimed before the work starts, so two retries
 * racing each other cannot both run it (the second gets 409 while the first is in progress).
 * Answers are kept in the {@value #COLLECTION} collection, keyed by {@code _id}.
 */
@Component
public class IdempotentRequests {

    public static final String COLLECTION = "idempotency_keys";
    /** The request header that names a retryable POST. */
    public static final String HEADER = "Idempotency-Key";
    /** What the header does, for the OpenAPI document of every POST that takes it. */
    public static final String HEADER_DESCRIPTION = "Retrying with the same key and body returns the first answer "
            + "and stores nothing new; the same key with another body is refused (422)";
    private static final int MAX_KEY_LENGTH = 200;
    private static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(2);

    private final MongoCollection<Document> keys;
    private final JsonMapper json;
    private final LedgerMetrics metrics;

    public IdempotentRequests(MongoDatabase ledgerDatabase, JsonMapper json, LedgerMetrics metrics) {
        this.keys = ledgerDatabase.getCollection(COLLECTION);
        this.json = json;
        this.metrics = metrics;
    }

    /** What a replayed answer is made of. */
    public record Answer(int status, String location, Object body) {
    }

    /**
     * @param key     the Idempotency-Key header, or null to just run {@code work}
     * @param caller  who asks (keys are per caller)
     * @param request what is asked: method, path and body, compared on retries
     */
    public ResponseEntity<Object> run(String key, String caller, Object request, Supplier<ResponseEntity<?>> work) {
        if (key == null) {
            return cast(work.get());
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new BadRequest("Idempotency-Key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String id = caller + "\n" + key;
        String fingerprint = fingerprint(request);
        // Claim the key, or find the answer of whoever holds it. The holder may give it up (its
        // request failed) between our insert and our read: then try to claim it again.
        while (true) {
            Document existing = keys.find(Filters.eq("_id", id)).first();
            if (existing != null && abandoned(existing)) {
                // Claimed by a process that died before answering: nothing was stored for it.
                keys.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "running"),
                        Filters.eq("createdAt", existing.getDate("createdAt"))));
                continue;
            }
            if (existing != null) {
                return replay(existing, fingerprint);
            }
            try {
                keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "running")
                        .append("createdAt", Date.from(Instant.now())));
                break;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        ResponseEntity<?> answer;
        try {
            answer = work.get();
        } catch (RuntimeException e) {
            // Nothing was stored (a refusal, or a failure): free the key so the client can correct
            // the request, or retry it, under the same key.
            keys.deleteOne(Filters.eq("_id", id));
            throw e;
        }
        keys.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("fingerprint", fingerprint)
                .append("state", "done")
                .append("status", answer.getStatusCode().value())
                .append("location", answer.getHeaders().getLocation() == null ? null
                        : answer.getHeaders().getLocation().toString())
                .append("body", answer.getBody() == null ? null : json.writeValueAsString(answer.getBody()))
                .append("createdAt", Date.from(Instant.now())));
        return cast(answer);
    }

    /** A claim older than any request can run (the process holding it died). */
    private static boolean abandoned(Document existing) {
        return "running".equals(existing.getString("state"))
                && existing.getDate("createdAt").toInstant().isBefore(Instant.now().minus(ABANDONED_AFTER));
    }

    private ResponseEntity<Object> replay(Document existing, String fingerprint) {
        if (!fingerprint.equals(existing.getString("fingerprint"))) {
            throw new KeyReused();
        }
        if (!"done".equals(existing.getString("state"))) {
            throw new KeyInProgress();
        }
        metrics.idempotentReplay();
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(existing.getInteger("status"))
                .header("Idempotent-Replayed", "true");
        if (existing.getString("location") != null) {
            builder.location(URI.create(existing.getString("location")));
        }
        String body = existing.getString("body");
        return builder.body(body == null ? null : json.readValue(body, Map.class));
    }

    private String fingerprint(Object request) {
        try {
            byte[] bytes = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> cast(ResponseEntity<?> answer) {
        return (ResponseEntity<Object>) answer;
    }

    /** The same key was used for a different request. */
    public static class KeyReused extends RuntimeException {
        KeyReused() {
            super("This Idempotency-Key was used for a different request");
        }
    }

    /** The first request with this key has not finished yet. */
    public static class KeyInProgress extends RuntimeException {
        KeyInProgress() {
            super("A request with this Idempotency-Key is still in progress; retry shortly");
        }
    }

}
