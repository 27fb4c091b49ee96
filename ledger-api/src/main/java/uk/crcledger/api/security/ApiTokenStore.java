package uk.crcledger.api.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The tokens, in the collection {@value #COLLECTION}: one document per token,
 * {@code {_id: <id>, name, role: "recorder"|"editor"|"admin", secretHash: <SHA-256 hex of the secret>,
 * createdAt, revokedAt: null|<date>}}. The secret itself is never stored; revoked tokens stay, with
 * {@code revokedAt} set, as a record of who could write when.
 * <p>
 * Every lookup is by {@code _id} (the embedded server answers only those from an index); the
 * listing and the count of admin tokens read the whole collection, which holds a handful of tokens.
 * Nothing is cached: each request reads the token afresh, so a revocation takes effect at once.
 */
@Component
public class ApiTokenStore {

    /** The collection's name. */
    public static final String COLLECTION = "api_tokens";

    private static final int MAX_ID_ATTEMPTS = 5;

    private final MongoCollection<Document> tokens;
    private final Clock clock;

    @Autowired
    public ApiTokenStore(@Qualifier("ledgerDatabase") MongoDatabase ledgerDatabase) {
        this(ledgerDatabase, Clock.systemUTC());
    }

    ApiTokenStore(MongoDatabase ledgerDatabase, Clock clock) {
        this.tokens = ledgerDatabase.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A new token with a generated id and secret; the secret is in the result and nowhere else. */
    public Issued create(String name, Role role) {
        for (int attempt = 1; ; attempt++) {
            TokenCredentials credentials = TokenCredentials.generate();
            try {
                return new Issued(insert(credentials, name, role), credentials.value());
            } catch (MongoWriteException e) {
                // 60 random bits make a clash all but impossible; try another id if it happens.
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= MAX_ID_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Stores a token whose value is given (the configured admin token), split by
     * {@link TokenCredentials#parse}.
     *
     * @return the stored token, or empty when its id is taken already
     */
    public Optional<ApiToken> createWithValue(String value, String name, Role role) {
        if (!TokenCredentials.isWellFormed(value)) {
            throw new IllegalArgumentException("A token must be 1-" + TokenCredentials.MAX_LENGTH
                    + " visible ASCII characters (no spaces)");
        }
        try {
            return Optional.of(insert(TokenCredentials.parse(value), name, role));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private ApiToken insert(TokenCredentials credentials, String name, Role role) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what MongoDB keeps of a date
        tokens.insertOne(new Document("_id", credentials.id())
                .append("name", name)
                .append("role", role.value())
                .append("secretHash", TokenCredentials.hash(credentials.secret()))
                .append("createdAt", Date.from(now))
                .append("revokedAt", null));
        return new ApiToken(credentials.id(), name, role, now, null);
    }

    /**
     * The active token a bearer value stands for: found by id, its secret's hash compared in
     * constant time, and not revoked. Empty for anything else.
     */
    public Optional<ApiToken> authenticate(String bearerValue) {
        if (!TokenCredentials.isWellFormed(bearerValue)) {
            return Optional.empty();
        }
        TokenCredentials credentials = TokenCredentials.parse(bearerValue);
        Document document = tokens.find(Filters.eq("_id", credentials.id())).first();
        // Hash even when the id is unknown, so the answer takes about as long either way.
        boolean matches = TokenCredentials.matches(credentials.secret(),
                document == null ? null : document.getString("secretHash"));
        if (document == null || !matches) {
            return Optional.empty();
        }
        ApiToken token = toToken(document);
        return token.active() && token.role() != null ? Optional.of(token) : Optional.empty();
    }

    /** The token stored under {@code id}, revoked or not. */
    public Optional<ApiToken> find(String id) {
        return Optional.ofNullable(tokens.find(Filters.eq("_id", id)).first()).map(ApiTokenStore::toToken);
    }

    /** All tokens, revoked ones included, oldest first. */
    public List<ApiToken> list() {
        List<ApiToken> all = new ArrayList<>();
        for (Document document : tokens.find()) {
            all.add(toToken(document));
        }
        all.sort(Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id));
        return all;
    }

    /** Whether there is no token at all, revoked ones included. */
    public boolean isEmpty() {
        return tokens.find().limit(1).first() == null;
    }

    /** How many admin tokens still work. */
    public long countActiveAdmins() {
        return list().stream().filter(token -> token.active() && token.role() == Role.ADMIN).count();
    }

    /**
     * Revokes a token: it stops working at once. Revoking a revoked token keeps its first
     * {@code revokedAt}.
     *
     * @return the token as it now is, or empty when there is none with that id
     */
    public Optional<ApiToken> revoke(String id) {
        Optional<ApiToken> token = find(id);
        if (token.isEmpty() || !token.get().active()) {
            return token;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        tokens.updateOne(Filters.eq("_id", id), Updates.set("revokedAt", Date.from(now)));
        ApiToken revoked = token.get();
        return Optional.of(new ApiToken(revoked.id(), revoked.name(), revoked.role(), revoked.createdAt(), now));
    }

    private static ApiToken toToken(Document document) {
        Date revokedAt = document.getDate("revokedAt");
        return new ApiToken(document.getString("_id"), document.getString("name"),
                // An unknown role (a hand-edited document) is null: such a token authenticates nobody.
                Role.of(document.getString("role")).orElse(null),
                document.getDate("createdAt").toInstant(), revokedAt == null ? null : revokedAt.toInstant());
    }

    /**
     * A token just made.
     *
     * @param token  the stored token
     * @param bearer the whole bearer value, {@code <id>.<secret>}: shown once, kept nowhere
     */
    public record Issued(ApiToken token, String bearer) {
        @Override
        public String toString() {
            return "Issued[token=" + token + ", bearer=***]";
        }
    }
}
