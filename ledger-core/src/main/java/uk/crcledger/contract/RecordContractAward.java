package uk.crcledger.contract;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Record that a CRC's contract was awarded to a provider. Handled by the CRC's aggregate. */
public record RecordContractAward(EntryId entryId, @TargetAggregateIdentifier CrcId crcId, ProviderId providerId,
                                  LocalDate signedOn, LocalDate startsOn, LocalDate plannedEndOn,
                                  BigDecimal valueGbp, String description, List<Source> sources) {

    public ContractAwardDetails details() {
        return new ContractAwardDetails(crcId, providerId, signedOn, startsOn, plannedEndOn, valueGbp, description,
                sources);
    }
}
