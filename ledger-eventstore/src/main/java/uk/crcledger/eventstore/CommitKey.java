package uk.crcledger.eventstore;

import java.util.Objects;

/**
 * A unique key a commit claims with its insert, such as the id of the entry its events record. The commits
 * collection has a unique index on it, so the key is claimed by the same write that stores the events: a commit
 * whose key is taken stores nothing, and a key is never claimed by a commit that was not stored. That makes the
 * commits themselves the directory of what they record (which aggregate holds an entry), with no second write
 * that could succeed or fail on its own.
 *
 * @param value unique over all commits
 * @param kind  what the key names (stored beside it, answered by a lookup), e.g. the entry's type
 */
public record CommitKey(String value, String kind) {

    public CommitKey {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a commit key must not be empty");
        }
    }

    /** The commit that claimed a key: where it is and which aggregate's events it holds. */
    public record Claim(long position, String aggregateIdentifier, String kind) {
    }
}
