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
 * One entry with every revision: what its permalink shows. The facts at the top are its current
 * version's (as the ledger knew it then, for an as-of answer); beside them in JSON, its type's own
 * fields.
 *
 * @param providerId        the provider the entry concerns by its own events (null when only the
 *                          contract periods say it)
 * @param withheldPositions the ledger positions whose payloads are withheld
 */
@Schema(description = "One entry with every revision. Beside these properties it carries its type's own fields "
        + "(see the entry types' details schemas).")
public record LedgerEntry(String entryId, EntryType type, LocalDate occurredOn, Instant recordedAt,
                          String recordedBy, long ledgerPosition, String providerId, String providerName,
                          List<String> crcIds, String summary, EntryStatus status, List<Source> sources,
                          List<Revision> revisions, List<Long> withheldPositions,
                          @JsonIgnore @Schema(hidden = true) EntryDetails details) {

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> fields() {
        return DetailsFields.besideFacts(details);
    }
}
