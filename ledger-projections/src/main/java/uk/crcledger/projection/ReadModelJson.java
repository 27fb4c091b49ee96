package uk.crcledger.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.kinds.EntryKinds;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How read-model records are written into stored documents: as JSON, by the same Jackson set-up as
 * the events (so an entry's details read back as the typed record the event carried). Nulls are
 * left out and maps are written in key order, so the same state always gives the same bytes, which
 * is what lets a rebuild come out identical document for document.
 */
public final class ReadModelJson {

    static final ObjectMapper MAPPER = LedgerSerializers.objectMapper(EntryKinds.detailsTypes())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ReadModelJson() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a read-model document", e);
        }
    }

    static <T> T read(byte[] json, JavaType type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a read-model document as " + type, e);
        }
    }

    static JavaType type(Class<?> type) {
        return MAPPER.constructType(type);
    }

    /** The type of a page of a shared document: its versions, each under its key. */
    static JavaType pageType(Class<?> valueType) {
        var factory = MAPPER.getTypeFactory();
        return factory.constructCollectionType(java.util.List.class,
                factory.constructParametricType(SharedVersion.class, valueType));
    }
}
