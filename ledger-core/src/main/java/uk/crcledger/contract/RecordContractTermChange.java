package uk.crcledger.contract;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.List;

/** Record that the planned end of one or more CRCs' contracts was changed. Creates its own aggregate. */
public record RecordContractTermChange(EntryId entryId, List<CrcId> crcIds, LocalDate announcedOn,
                                       LocalDate newPlannedEndOn, String reason, List<Source> sources) {

    public ContractTermChangeDetails details() {
        return new ContractTermChangeDetails(crcIds, announcedOn, newPlannedEndOn, reason, sources);
    }
}
