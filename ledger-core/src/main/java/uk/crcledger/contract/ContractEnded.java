package uk.crcledger.contract;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;

/**
 * The contract {@code providerId} held on a CRC ended on {@code endedOn}. With reason {@code transferred} the
 * successor holds the CRC from {@code endedOn} on (one event, so a transfer can never be half recorded).
 *
 * @param providerId the holder whose contract ended, as known when the end was recorded
 */
public record ContractEnded(EntryId entryId, CrcId crcId, ProviderId providerId, LocalDate endedOn,
                            ContractEndReason reason, ProviderId successorProviderId, List<Source> sources,
                            RecordedBy recordedBy) {

    public ContractEnded {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static ContractEnded of(EntryId entryId, ProviderId providerId, ContractEndDetails details,
                                   RecordedBy recordedBy) {
        return new ContractEnded(entryId, details.crcId(), providerId, details.endedOn(), details.reason(),
                details.successorProviderId(), details.sources(), recordedBy);
    }

    public ContractEndDetails details() {
        return new ContractEndDetails(crcId, endedOn, reason, successorProviderId, sources);
    }
}
