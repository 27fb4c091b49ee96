package uk.crcledger.timeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.Source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One revision of an entry as a reader sees it: the recording, a correction (with its reason and the
 * fields it changed) or the retraction (with its reason); the first two with the entry's fields,
 * sources and summary as that revision stated them.
 *
 * @param revision numbered from 1
 * @param changes  for a correction, each field it changed with its value before and after
 * @param withheld set when the revision's payload is withheld
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Revision(int revision, RevisionKind kind, Instant recordedAt, String recordedBy, long ledgerPosition,
                       String reason, List<String> changedFields,
                       @JsonIgnore @Schema(hidden = true) EntryDetails details, List<Source> sources,
                       String summary, List<FieldChange> changes, Withholding withheld) {

    /** The type's own fields as this revision stated them; absent for a retraction. */
    @JsonProperty("fields")
    @Schema(description = "The entry type's own fields as this revision stated them (absent for a retraction)")
    public Map<String, Object> fields() {
        return details == null ? null : DetailsFields.all(details);
    }
}
