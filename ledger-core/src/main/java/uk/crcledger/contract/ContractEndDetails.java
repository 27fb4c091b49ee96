package uk.crcledger.contract;

import uk.crcledger.entry.Changes;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.Source;
import uk.crcledger.entry.SummaryWording;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
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
    public Set<String> correctableFields() {
        return CORRECTABLE;
    }

    @Override
    public Set<String> fixedFields() {
        return NOT_CORRECTABLE;
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

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }

    @Override
    public List<CrcId> crcIds() {
        return crcId == null ? List.of() : List.of(crcId);
    }

    /**
     * "Working Links' Wales contract ended: transferred to Seetec". An end names no provider itself:
     * {@code concerned} is the holder whose contract ended ({@code ContractEnded.providerId}).
     */
    @Override
    public String summary(ProviderId concerned, Names names) {
        String providerName = SummaryWording.providerName(concerned, this, names);
        String contract = (providerName == null ? "The " : SummaryWording.possessive(providerName) + " ")
                + SummaryWording.crcName(crcId, names) + " contract";
        if (reason == null) {
            return contract + " ended";
        }
        return switch (reason) {
            case EXPIRED -> contract + " expired";
            case TERMINATED_EARLY -> contract + " ended early";
            case TRANSFERRED -> contract + " ended: transferred"
                    + (successorProviderId == null ? "" : " to " + names.provider(successorProviderId.value()));
        };
    }

    @Override
    public ContractEndDetails correctedWith(Changes changes) {
        return new ContractEndDetails(crcId,
                changes.date("endedOn", endedOn),
                changes.enumValue(ContractEndReason.class, "reason", reason),
                changes.id("successorProviderId", ProviderId.class, ProviderId::of, successorProviderId),
                changes.sources(sources));
    }
}
