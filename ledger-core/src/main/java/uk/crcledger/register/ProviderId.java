package uk.crcledger.register;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a provider by slug, e.g. {@code purple-futures}; also the id of its event stream. */
public record ProviderId(String value) {

    public ProviderId {
        Slugs.require("provider id", value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ProviderId of(String value) {
        return new ProviderId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The bare slug: Axon uses {@code toString()} of an aggregate identifier as the stream id. */
    @Override
    public String toString() {
        return value;
    }
}
