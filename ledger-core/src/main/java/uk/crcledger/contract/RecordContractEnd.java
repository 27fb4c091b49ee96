package uk.crcledger.contract;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;

/**
 * Record that the contract held on {@code endedOn} ended that day; for a transfer, name the successor.
 * Handled by the CRC's aggregate.
 */
public record RecordContractEnd(EntryId entryId, @TargetAggregateIdentifier CrcId crcId, LocalDate endedOn,
                                ContractEndReason reason, ProviderId successorProviderId, List<Source> sources) {

    public ContractEndDetails details() {
        return new ContractEndDetails(crcId, endedOn, reason, successorProviderId, sources);
    }
}
