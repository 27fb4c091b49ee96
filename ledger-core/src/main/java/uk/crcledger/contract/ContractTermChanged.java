package uk.crcledger.contract;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.List;

/** The planned end of the listed CRCs' contracts was changed, announced on {@code announcedOn}. */
public record ContractTermChanged(EntryId entryId, List<CrcId> crcIds, LocalDate announcedOn,
                                  LocalDate newPlannedEndOn, String reason, List<Source> sources,
                                  RecordedBy recordedBy) implements EntryRecorded {

    public ContractTermChanged {
        crcIds = crcIds == null ? List.of() : List.copyOf(crcIds);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static ContractTermChanged of(EntryId entryId, ContractTermChangeDetails details,
                                         RecordedBy recordedBy) {
        return new ContractTermChanged(entryId, details.crcIds(), details.announcedOn(), details.newPlannedEndOn(),
                details.reason(), details.sources(), recordedBy);
    }

    @Override
    public ContractTermChangeDetails details() {
        return new ContractTermChangeDetails(crcIds, announcedOn, newPlannedEndOn, reason, sources);
    }
}
