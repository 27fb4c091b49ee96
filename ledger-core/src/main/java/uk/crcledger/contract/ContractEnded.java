package uk.crcledger.contract;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The contract {@code providerId} held on a CRC ended on {@code endedOn}. With reason {@code transferred} the
 * successor holds the CRC from {@code endedOn} on (one event, so a transfer can never be half recorded).
 *
 * @param providerId the holder whose contract ended, as known when the end was recorded
 */
public record ContractEnded(EntryId entryId, CrcId crcId, ProviderId providerId, LocalDate endedOn,
                            ContractEndReason reason, ProviderId successorProviderId, List<Source> sources,
                            RecordedBy recordedBy) implements EntryRecorded {

    public ContractEnded {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static ContractEnded of(EntryId entryId, ProviderId providerId, ContractEndDetails details,
                                   RecordedBy recordedBy) {
        return new ContractEnded(entryId, details.crcId(), providerId, details.endedOn(), details.reason(),
                details.successorProviderId(), details.sources(), recordedBy);
    }

    @Override
    public ContractEndDetails details() {
        return new ContractEndDetails(crcId, endedOn, reason, successorProviderId, sources);
    }

    /** The holder whose contract ended, which the end's details cannot name: it was resolved when it was recorded. */
    @Override
    public Optional<ProviderId> concernedProvider() {
        return Optional.ofNullable(providerId);
    }
}
