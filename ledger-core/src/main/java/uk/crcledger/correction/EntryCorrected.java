package uk.crcledger.correction;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractTermChangeDetails;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;

import java.time.LocalDate;
import java.util.List;

/**
 * An entry was corrected. {@code correctedDetails} is the whole new version, so a read model replaces the entry
 * without re-implementing the correction; {@code changedFields} says what the correction was about.
 *
 * @param correctedOn the day the correction was recorded
 */
public record EntryCorrected(
        EntryId entryId,
        EntryType type,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "entryType")
        @JsonSubTypes({
                @JsonSubTypes.Type(value = ContractAwardDetails.class, name = "contract-award"),
                @JsonSubTypes.Type(value = ContractEndDetails.class, name = "contract-end"),
                @JsonSubTypes.Type(value = ContractTermChangeDetails.class, name = "contract-term-change"),
                @JsonSubTypes.Type(value = JobCutAnnouncementDetails.class, name = "job-cut-announcement"),
                @JsonSubTypes.Type(value = InspectionFindingDetails.class, name = "inspection-finding")
        })
        EntryDetails correctedDetails,
        List<String> changedFields,
        String reason,
        RecordedBy recordedBy,
        LocalDate correctedOn) {

    public EntryCorrected {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
