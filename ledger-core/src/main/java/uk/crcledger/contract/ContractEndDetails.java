package uk.crcledger.contract;

import uk.crcledger.entry.Changes;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a contract end says: the contract held on {@code endedOn} ends that day. A transfer is an end with reason
 * {@link ContractEndReason#TRANSFERRED} and a successor, who holds the CRC from {@code endedOn} on under the same
 * contract (same planned end) until an end of its own is recorded.
 *
 * @param successorProviderId required for a transfer, absent otherwise
 */
public record ContractEndDetails(CrcId crcId, LocalDate endedOn, ContractEndReason reason,
                                 ProviderId successorProviderId, List<Source> sources) implements EntryDetails {

    public static final Set<String> NOT_CORRECTABLE = Set.of("entryId", "crcId");
    public static final Set<String> CORRECTABLE = Set.of("endedOn", "reason", "successorProviderId", "sources");

    public ContractEndDetails {
        sources = EntryRules.copy("sources", sources);
    }

    @Override
    public EntryType type() {
        return EntryType.CONTRACT_END;
    }

    public boolean transfer() {
        return reason == ContractEndReason.TRANSFERRED;
    }

    @Override
    public void check(LocalDate today) {
        EntryRules.require("crcId", crcId);
        EntryRules.require("endedOn", endedOn);
        EntryRules.require("reason", reason);
        EntryRules.requireSources(sources);
        if (transfer() && successorProviderId == null) {
            throw new InvalidEntryException("a transferred contract needs a successorProviderId");
        }
        if (!transfer() && successorProviderId != null) {
            throw new InvalidEntryException("successorProviderId " + successorProviderId
                    + " is only for a transferred contract, not one that " + reason);
        }
        EntryRules.requireNotAfter(today, "endedOn", endedOn);
        EntryRules.requireSourcesNotAfter(today, sources);
    }

    public ContractEndDetails correctedWith(Changes changes) {
        return new ContractEndDetails(crcId,
                changes.date("endedOn", endedOn),
                changes.enumValue(ContractEndReason.class, "reason", reason),
                changes.id("successorProviderId", ProviderId.class, ProviderId::of, successorProviderId),
                changes.sources(sources));
    }
}
