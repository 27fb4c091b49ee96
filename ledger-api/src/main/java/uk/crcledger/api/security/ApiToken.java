package uk.crcledger.api.security;

import java.time.Instant;

/**
 * A stored token as others may see it: never its secret nor the secret's hash.
 *
 * @param id        the part of the token before the {@code '.'}, its {@code _id} in {@code api_tokens}
 * @param name      who holds it: the name the ledger records as who recorded an entry
 * @param role      what it may do
 * @param createdAt when it was made
 * @param revokedAt when it was revoked, {@code null} while it works
 */
public record ApiToken(String id, String name, Role role, Instant createdAt, Instant revokedAt) {

    /** Whether the token still works. */
    public boolean active() {
        return revokedAt == null;
    }
}
