package uk.crcledger.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Event payloads, metadata, snapshots and tokens as JSON (Axon's XStream serializer cannot read
 * records). Dates are ISO strings so a stored event reads as the fact it records; unknown fields
 * are ignored so an event that gained a field can still be read by an older reader.
 */
public final class LedgerSerializers {

    private LedgerSerializers() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).lenientDeserialization().build();
    }
}
