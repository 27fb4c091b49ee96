package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who recorded an entry. It travels as command metadata (key {@value #METADATA_KEY}), set by the API from the
 * signed-in user, not as a command field a client could fill in; events carry it in their payload so read models
 * can show it.
 */
public record RecordedBy(String name) {

    public static final String METADATA_KEY = "recordedBy";
    static final String MISSING = "an entry needs who recorded it (metadata 'recordedBy')";

    public RecordedBy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(MISSING);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RecordedBy of(String name) {
        return new RecordedBy(name);
    }

    /** Reads the metadata value a handler received; a missing or blank one breaks a ledger rule. */
    public static RecordedBy fromMetaData(Object value) {
        if (!(value instanceof String name) || name.isBlank()) {
            throw new InvalidEntryException(MISSING);
        }
        return new RecordedBy(name.strip());
    }

    @JsonValue
    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
