package uk.crcledger.timeline;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.Source;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An entry on a timeline: the ledger's facts about it and, beside them in JSON, its type's own fields
 * (e.g. {@code totalPosts} of a job cut), as its current version says.
 *
 * @param providerId the provider it concerns on the date it happened (named by the entry, or the
 *                   CRC's holder then)
 * @param revisions  how many revisions the entry has (1 = never corrected or retracted)
 */
@Schema(description = "An entry on a timeline. Beside these properties it carries its type's own fields "
        + "(see the entry types' details schemas).")
public record TimelineItem(String entryId, EntryType type, LocalDate occurredOn, Instant recordedAt,
                           String recordedBy, long ledgerPosition, String providerId, String providerName,
                           List<String> crcIds, String summary, EntryStatus status, List<Source> sources,
                           int revisions, @JsonIgnore @Schema(hidden = true) EntryDetails details) {

    /** The type's own fields, flattened beside the ledger's in JSON. */
    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> fields() {
        return DetailsFields.besideFacts(details);
    }
}
