package uk.crcledger.contract;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A CRC's contract was awarded to a provider, who holds the CRC from {@code startsOn} until an end is recorded. */
public record ContractAwarded(EntryId entryId, CrcId crcId, ProviderId providerId, LocalDate signedOn,
                              LocalDate startsOn, LocalDate plannedEndOn, BigDecimal valueGbp, String description,
                              List<Source> sources, RecordedBy recordedBy) implements EntryRecorded {

    public ContractAwarded {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static ContractAwarded of(EntryId entryId, ContractAwardDetails details, RecordedBy recordedBy) {
        return new ContractAwarded(entryId, details.crcId(), details.providerId(), details.signedOn(),
                details.startsOn(), details.plannedEndOn(), details.valueGbp(), details.description(),
                details.sources(), recordedBy);
    }

    @Override
    public ContractAwardDetails details() {
        return new ContractAwardDetails(crcId, providerId, signedOn, startsOn, plannedEndOn, valueGbp, description,
                sources);
    }
}
