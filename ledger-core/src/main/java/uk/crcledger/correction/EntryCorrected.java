package uk.crcledger.correction;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryEvent;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.RecordedBy;

import java.time.LocalDate;
import java.util.List;

/**
 * An entry was corrected. {@code correctedDetails} is the whole new version, so a read model replaces the entry
 * without re-implementing the correction; {@code changedFields} says what the correction was about.
 *
 * <p>{@code correctedDetails} is stored with its entry type's JSON name under {@code entryType}. Which name stands
 * for which details class is declared once, above all kinds, in {@code uk.crcledger.kinds.EntryKinds}, and the
 * serializers register it ({@code LedgerSerializers}); listing the kinds here would make this package depend on
 * every kind, which depends on it.
 *
 * @param correctedOn the day the correction was recorded
 */
public record EntryCorrected(
        EntryId entryId,
        EntryType type,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "entryType")
        EntryDetails correctedDetails,
        List<String> changedFields,
        String reason,
        RecordedBy recordedBy,
        LocalDate correctedOn) implements EntryEvent {

    public EntryCorrected {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
