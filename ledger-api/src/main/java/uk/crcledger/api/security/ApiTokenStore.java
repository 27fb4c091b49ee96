package uk.crcledger.api.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import uk.crcledger.api.store.MongoApiTokens;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The API tokens: issued, authenticated, listed and revoked. Kept by {@link MongoApiTokens} (the
 * document shape is described there); the secret itself is never stored, only its hash, and revoked
 * tokens stay, with {@code revokedAt} set, as a record of who could write when.
 * <p>
 * Nothing is cached: each request reads the token afresh, so a revocation takes effect at once.
 */
@Component
public class ApiTokenStore {

    private static final int MAX_ID_ATTEMPTS = 5;

    private final MongoApiTokens tokens;
    private final Clock clock;

    @Autowired
    public ApiTokenStore(MongoApiTokens tokens) {
        this(tokens, Clock.systemUTC());
    }

    ApiTokenStore(MongoApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new token with a generated id and secret; the secret is in the result and nowhere else. */
    public Issued create(String name, Role role) {
        for (int attempt = 1; ; attempt++) {
            TokenCredentials credentials = TokenCredentials.generate();
            Optional<ApiToken> stored = insert(credentials, name, role);
            if (stored.isPresent()) {
                return new Issued(stored.get(), credentials.value());
            }
            // 60 random bits make a clash all but impossible; try another id if it happens.
            if (attempt >= MAX_ID_ATTEMPTS) {
                throw new IllegalStateException("No free token id after " + MAX_ID_ATTEMPTS + " attempts");
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
        return insert(TokenCredentials.parse(value), name, role);
    }

    /** The stored token, or empty when its id is taken already. */
    private Optional<ApiToken> insert(TokenCredentials credentials, String name, Role role) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what MongoDB keeps of a date
        boolean inserted = tokens.insert(credentials.id(), name, role.value(),
                TokenCredentials.hash(credentials.secret()), now);
        return inserted ? Optional.of(new ApiToken(credentials.id(), name, role, now, null)) : Optional.empty();
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
        Optional<MongoApiTokens.StoredToken> stored = tokens.find(credentials.id());
        // Hash even when the id is unknown, so the answer takes about as long either way.
        boolean matches = TokenCredentials.matches(credentials.secret(),
                stored.map(MongoApiTokens.StoredToken::secretHash).orElse(null));
        if (stored.isEmpty() || !matches) {
            return Optional.empty();
        }
        ApiToken token = toToken(stored.get());
        return token.active() && token.role() != null ? Optional.of(token) : Optional.empty();
    }

    /** The token stored under {@code id}, revoked or not. */
    public Optional<ApiToken> find(String id) {
        return tokens.find(id).map(ApiTokenStore::toToken);
    }

    /** All tokens, revoked ones included, oldest first. */
    public List<ApiToken> list() {
        return tokens.all().stream().map(ApiTokenStore::toToken)
                .sorted(Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id))
                .toList();
    }

    /** Whether there is no token at all, revoked ones included. */
    public boolean isEmpty() {
        return tokens.isEmpty();
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
        tokens.revoke(id, now);
        ApiToken revoked = token.get();
        return Optional.of(new ApiToken(revoked.id(), revoked.name(), revoked.role(), revoked.createdAt(), now));
    }

    private static ApiToken toToken(MongoApiTokens.StoredToken stored) {
        return new ApiToken(stored.id(), stored.name(),
                // An unknown role (a hand-edited document) is null: such a token authenticates nobody.
                Role.of(stored.role()).orElse(null), stored.createdAt(), stored.revokedAt());
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
