package uk.crcledger.timeline;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryType;

import java.time.Instant;

/**
 * An entry on a timeline, as one version of its contribution to a CRC's or a provider's document:
 * everything a timeline needs to place, filter, order and show the entry without reading it.
 *
 * @param providerId    as in {@link StoredRevision#providerId()}
 * @param recordedAt    when the entry was first recorded (with {@code recordedBy} and
 *                      {@code ledgerPosition}: the recording's)
 * @param revisions     how many revisions it had by then
 */
public record Placement(String entryId, EntryType type, EntryStatus status,
                        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "entryType") EntryDetails details,
                        String providerId, Instant recordedAt, String recordedBy, long ledgerPosition,
                        int revisions) {
}
