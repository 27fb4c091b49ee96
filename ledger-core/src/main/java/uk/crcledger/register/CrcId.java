package uk.crcledger.register;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a CRC by slug, e.g. {@code west-yorkshire}; also the id of its event stream. */
public record CrcId(String value) {

    public CrcId {
        Slugs.require("CRC id", value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CrcId of(String value) {
        return new CrcId(value);
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
