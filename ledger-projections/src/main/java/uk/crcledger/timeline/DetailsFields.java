package uk.crcledger.timeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.kinds.EntryKinds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;

/**
 * An entry type's own fields as plain JSON values, in the order its details record declares them,
 * written by the same Jackson set-up as the events, so they read as the API takes them.
 */
final class DetailsFields {

    private static final ObjectMapper JSON = LedgerSerializers.objectMapper(EntryKinds.detailsTypes())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /**
     * Shown once, by the ledger's own facts: the sources, the provider as placed, and the one-line summary, which an
     * incident report also stores as its own field (its account of what happened, quoted within the entry's summary)
     * and which would otherwise overwrite the entry's summary beside it.
     */
    private static final Set<String> SHOWN_BY_FACTS = Set.of("sources", "providerId", "summary");

    private DetailsFields() {
    }

    /** Every field but the sources (which a revision shows on their own). */
    static Map<String, Object> all(EntryDetails details) {
        Map<String, Object> fields = plain(details);
        fields.remove("sources");
        return fields;
    }

    /** The fields that an entry's or item's own facts do not already show. */
    static Map<String, Object> besideFacts(EntryDetails details) {
        if (details == null) {
            return Map.of();
        }
        Map<String, Object> fields = plain(details);
        fields.keySet().removeAll(SHOWN_BY_FACTS);
        return fields;
    }

    /**
     * What a correction changed: each field whose value differs between the revision before and the correction (so a
     * field named with its old value is no change), in the order the details record declares its fields.
     */
    static List<FieldChange> changes(EntryDetails before, EntryDetails after) {
        Map<String, Object> was = plain(before);
        Map<String, Object> is = plain(after);
        Set<String> names = new LinkedHashSet<>(is.keySet());
        names.addAll(was.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(was.get(name), is.get(name))) {
                changes.add(new FieldChange(name, was.get(name), is.get(name)));
            }
        }
        return changes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(EntryDetails details) {
        return JSON.convertValue(details, LinkedHashMap.class);
    }
}
