package uk.crcledger.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;
import uk.crcledger.kinds.EntryKinds;

/**
 * Event payloads, metadata, snapshots and tokens as JSON (Axon's XStream serializer cannot read
 * records). Dates are ISO strings so a stored event reads as the fact it records; unknown fields
 * are ignored so an event that gained a field can still be read by an older reader.
 */
public final class LedgerSerializers {

    private LedgerSerializers() {
    }

    /**
     * Also registers each entry kind's details under its JSON type name ({@link EntryKinds#detailsTypes()}), which
     * {@code EntryCorrected.correctedDetails} is stored with: the core declares the names in one catalogue, not on
     * the field, and a mapper without them could neither read a correction nor write one with the right name.
     */
    public static ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        EntryKinds.detailsTypes().forEach((name, details) -> mapper.registerSubtypes(new NamedType(details, name)));
        return mapper;
    }

    public static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).lenientDeserialization().build();
    }
}
