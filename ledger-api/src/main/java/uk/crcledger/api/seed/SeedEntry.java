package uk.crcledger.api.seed;

import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.contract.RecordContractTermChange;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.incident.RecordIncidentReport;
import uk.crcledger.inspection.RecordInspectionFinding;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;

import java.time.LocalDate;

/**
 * One entry of the seed: the command that records it, with its id and details read off the command.
 *
 * @param command one of the domain's recording commands (award, end, term change, job cuts, finding, incident)
 */
public record SeedEntry(EntryId entryId, EntryDetails details, Object command) {

    public SeedEntry {
        if (entryId == null || details == null || command == null) {
            throw new IllegalArgumentException("a seed entry needs an entry id, details and a command");
        }
    }

    /** Wraps a recording command; anything else is not an entry. */
    public static SeedEntry of(Object command) {
        if (command instanceof RecordContractAward c) {
            return new SeedEntry(c.entryId(), c.details(), c);
        } else if (command instanceof RecordContractEnd c) {
            return new SeedEntry(c.entryId(), c.details(), c);
        } else if (command instanceof RecordContractTermChange c) {
            return new SeedEntry(c.entryId(), c.details(), c);
        } else if (command instanceof RecordJobCutAnnouncement c) {
            return new SeedEntry(c.entryId(), c.details(), c);
        } else if (command instanceof RecordInspectionFinding c) {
            return new SeedEntry(c.entryId(), c.details(), c);
        } else if (command instanceof RecordIncidentReport c) {
            return new SeedEntry(c.entryId(), c.details(), c);
        }
        throw new IllegalArgumentException("not a command that records an entry: " + command);
    }

    /** The day the entry happened (signed, ended, announced or published), as the timelines order it. */
    public LocalDate date() {
        return details.occurredOn();
    }

    @Override
    public String toString() {
        return details.type() + " " + entryId;
    }
}
