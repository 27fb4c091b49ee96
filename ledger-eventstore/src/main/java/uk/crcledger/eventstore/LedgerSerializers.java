package uk.crcledger.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;

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

    /**
     * The mapper for the ledger's events: also registers the domain's polymorphic parts under their JSON type
     * names, e.g. {@code uk.crcledger.kinds.EntryKinds.detailsTypes()}, which {@code EntryCorrected} stores its
     * details with. The core declares those names in one catalogue rather than on the field, and this module does
     * not depend on the core, so whoever stores events hands them in: a mapper without them could not read a
     * correction back and would write it under the class's simple name.
     *
     * @param namedSubtypes JSON type name to class
     */
    public static ObjectMapper objectMapper(Map<String, ? extends Class<?>> namedSubtypes) {
        ObjectMapper mapper = objectMapper();
        namedSubtypes.forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
        return mapper;
    }

    /** For what holds no entry details: tokens, and the store's own tests. */
    public static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).lenientDeserialization().build();
    }

    /** For the ledger's events, with their named subtypes: see {@link #objectMapper(Map)}. */
    public static JacksonSerializer jackson(Map<String, ? extends Class<?>> namedSubtypes) {
        return JacksonSerializer.builder().objectMapper(objectMapper(namedSubtypes)).lenientDeserialization().build();
    }
}
