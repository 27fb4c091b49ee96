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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a contract award says.
 *
 * @param plannedEndOn a plan, so it may be later than today; a contract is held until an end is recorded, not until
 *                     this date (contracts were extended past their planned ends)
 * @param valueGbp     optional, at least 0
 * @param description  optional free text with the reported figures
 */
public record ContractAwardDetails(CrcId crcId, ProviderId providerId, LocalDate signedOn, LocalDate startsOn,
                                   LocalDate plannedEndOn, BigDecimal valueGbp, String description,
                                   List<Source> sources) implements EntryDetails {

    /** Moving an award to another CRC would move it to another stream: that is a new entry. */
    public static final Set<String> NOT_CORRECTABLE = Set.of("entryId", "crcId");
    public static final Set<String> CORRECTABLE = Set.of("providerId", "signedOn", "startsOn", "plannedEndOn", "valueGbp",
            "description", "sources");

    public ContractAwardDetails {
        description = EntryRules.blankToNull(description);
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
        return EntryType.CONTRACT_AWARD;
    }

    @Override
    public void check(LocalDate today) {
        EntryRules.require("crcId", crcId);
        EntryRules.require("providerId", providerId);
        EntryRules.require("signedOn", signedOn);
        EntryRules.require("startsOn", startsOn);
        EntryRules.require("plannedEndOn", plannedEndOn);
        EntryRules.requireSources(sources);
        if (plannedEndOn.isBefore(startsOn)) {
            throw new InvalidEntryException(
                    "plannedEndOn " + plannedEndOn + " is before startsOn " + startsOn + " of the award of " + crcId);
        }
        if (valueGbp != null && valueGbp.signum() < 0) {
            throw new InvalidEntryException("valueGbp must be at least 0, was " + valueGbp.toPlainString());
        }
        EntryRules.requireNotAfter(today, "signedOn", signedOn);
        EntryRules.requireNotAfter(today, "startsOn", startsOn);
        EntryRules.requireSourcesNotAfter(today, sources);
    }

    @Override
    public LocalDate occurredOn() {
        return signedOn;
    }

    @Override
    public List<CrcId> crcIds() {
        return crcId == null ? List.of() : List.of(crcId);
    }

    @Override
    public Optional<ProviderId> namedProvider() {
        return Optional.ofNullable(providerId);
    }

    /** "Purple Futures awarded the West Yorkshire contract from 2015-02-01 to 2022-01-31 (GBP 600m)". */
    @Override
    public String summary(ProviderId concerned, Names names) {
        String providerName = SummaryWording.providerName(concerned, this, names);
        StringBuilder summary = new StringBuilder(providerName == null ? "A provider" : providerName)
                .append(" awarded the ").append(SummaryWording.crcName(crcId, names)).append(" contract");
        if (startsOn != null) {
            summary.append(" from ").append(startsOn);
        }
        if (plannedEndOn != null) {
            summary.append(" to ").append(plannedEndOn);
        }
        if (valueGbp != null) {
            summary.append(" (").append(SummaryWording.gbp(valueGbp)).append(')');
        }
        return summary.toString();
    }

    @Override
    public ContractAwardDetails correctedWith(Changes changes) {
        return new ContractAwardDetails(crcId,
                changes.id("providerId", ProviderId.class, ProviderId::of, providerId),
                changes.date("signedOn", signedOn),
                changes.date("startsOn", startsOn),
                changes.date("plannedEndOn", plannedEndOn),
                changes.decimal("valueGbp", valueGbp),
                changes.text("description", description),
                changes.sources(sources));
    }
}
