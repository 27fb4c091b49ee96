package uk.crcledger.correction;

import uk.crcledger.entry.EntryId;

import java.util.Map;

/**
 * Correct fields of a recorded entry. {@code changes} maps field names of the entry's command (e.g. "totalPosts",
 * "announcedOn", "crcs", "sources") to new values as plain JSON-like values; null clears an optional field.
 * Who corrects comes from metadata {@code recordedBy}.
 */
public record CorrectEntry(EntryId entryId, Map<String, Object> changes, String reason) {

    public CorrectEntry {
        // Map.copyOf would refuse the nulls that clear a field, hence an unmodifiable copy that keeps them.
        changes = changes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
    }
}
