package uk.crcledger.timeline;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import uk.crcledger.entry.EntryDetails;

import java.time.Instant;
import java.util.List;

/**
 * One revision of an entry as the read model keeps it: the whole entry as it stood from
 * {@code ledgerPosition} on, so what the ledger said at any instant is the latest revision recorded by
 * then. A retraction keeps the details it withdrew.
 *
 * @param providerId the provider the entry concerns by its own events (the one it names, or for a
 *                   contract end the holder whose contract ended); null when only the contract
 *                   periods say it (a finding, a term change, an incident)
 * @param withheld   set when this revision's payload is withheld
 */
public record StoredRevision(RevisionKind kind, long ledgerPosition, Instant recordedAt, String recordedBy,
                             String reason, List<String> changedFields,
                             @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "entryType") EntryDetails details,
                             String providerId, Withholding withheld) {

    StoredRevision withheld(Withholding withholding) {
        return new StoredRevision(kind, ledgerPosition, recordedAt, recordedBy, reason, changedFields, details,
                providerId, withholding);
    }
}
