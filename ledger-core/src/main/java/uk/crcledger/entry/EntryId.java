package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one ledger entry. The caller chooses it (the API generates one, the seed uses deterministic ids), so
 * a command can be retried or re-applied and recognised as the same entry.
 */
public record EntryId(String value) {

    public static final int MAX_LENGTH = 100;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

    public EntryId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an entry id must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("entry id '" + value.substring(0, 20) + "...' is "
                    + value.length() + " characters long, more than " + MAX_LENGTH);
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "entry id '" + value + "' may only contain letters, digits, '.', '_' and '-'");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EntryId of(String value) {
        return new EntryId(value);
    }

    public static EntryId generate() {
        return new EntryId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The bare id: Axon uses {@code toString()} of an aggregate identifier as the stream id. */
    @Override
    public String toString() {
        return value;
    }
}
