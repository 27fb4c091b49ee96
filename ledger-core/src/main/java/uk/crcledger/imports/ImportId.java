package uk.crcledger.imports;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** Identifies one import, e.g. {@code import-2026-12-01-5f2c9a1b}; also the id of its event stream. */
public record ImportId(String value) {

    public static final int MAX_LENGTH = 100;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9-]{1," + MAX_LENGTH + "}");

    public ImportId {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("an import id is 1 to " + MAX_LENGTH
                    + " lower-case letters, digits and '-', was '" + value + "'");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ImportId of(String value) {
        return new ImportId(value);
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
