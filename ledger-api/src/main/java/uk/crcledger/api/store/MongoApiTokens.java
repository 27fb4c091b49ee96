package uk.crcledger.api.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The API tokens' documents, in the collection {@value #COLLECTION}: one per token,
 * {@code {_id: <id>, name, role: "recorder"|"editor"|"admin", secretHash: <SHA-256 hex of the secret>,
 * createdAt, revokedAt: null|<date>}}. Only storage: what a token means and who may hold one is
 * {@code security.ApiTokenStore}'s business.
 * <p>
 * Every lookup is by {@code _id} (the embedded server answers only those from an index); the
 * listing reads the whole collection, which holds a handful of tokens.
 */
@Component
public class MongoApiTokens {

    /** The collection's name. */
    public static final String COLLECTION = "api_tokens";

    private final MongoCollection<Document> tokens;

    public MongoApiTokens(@Qualifier("ledgerDatabase") MongoDatabase ledgerDatabase) {
        this.tokens = ledgerDatabase.getCollection(COLLECTION);
    }

    /**
     * A token's document, as stored.
     *
     * @param role       as stored; it may name no role the app knows (a hand-edited document)
     * @param secretHash the SHA-256 hex of the secret
     * @param revokedAt  {@code null} while the token works
     */
    public record StoredToken(String id, String name, String role, String secretHash, Instant createdAt,
                              Instant revokedAt) {
    }

    /**
     * Stores a new, unrevoked token.
     *
     * @return {@code false} when a token with this id is stored already
     */
    public boolean insert(String id, String name, String role, String secretHash, Instant createdAt) {
        try {
            tokens.insertOne(new Document("_id", id)
                    .append("name", name)
                    .append("role", role)
                    .append("secretHash", secretHash)
                    .append("createdAt", Date.from(createdAt))
                    .append("revokedAt", null));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The token stored under {@code id}, revoked or not. */
    public Optional<StoredToken> find(String id) {
        return Optional.ofNullable(tokens.find(Filters.eq("_id", id)).first()).map(MongoApiTokens::toToken);
    }

    /** All tokens, in no particular order. */
    public List<StoredToken> all() {
        List<StoredToken> all = new ArrayList<>();
        for (Document document : tokens.find()) {
            all.add(toToken(document));
        }
        return all;
    }

    /** Whether there is no token at all, revoked ones included. */
    public boolean isEmpty() {
        return tokens.find().limit(1).first() == null;
    }

    /** Sets the token's {@code revokedAt}. */
    public void revoke(String id, Instant revokedAt) {
        tokens.updateOne(Filters.eq("_id", id), Updates.set("revokedAt", Date.from(revokedAt)));
    }

    private static StoredToken toToken(Document document) {
        Date revokedAt = document.getDate("revokedAt");
        return new StoredToken(document.getString("_id"), document.getString("name"), document.getString("role"),
                document.getString("secretHash"), document.getDate("createdAt").toInstant(),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}
