package uk.crcledger.contract;

import uk.crcledger.entry.Changes;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.Source;
import uk.crcledger.entry.SummaryWording;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a change of the contracts' planned end says, e.g. "all CRC contracts will end in December 2020", announced
 * on 2018-07-27 for all 21 CRCs.
 *
 * @param newPlannedEndOn a plan, so it may be later than today
 * @param reason          what was announced and why
 */
public record ContractTermChangeDetails(List<CrcId> crcIds, LocalDate announcedOn, LocalDate newPlannedEndOn,
                                        String reason, List<Source> sources) implements EntryDetails {

    public static final Set<String> NOT_CORRECTABLE = Set.of("entryId");
    public static final Set<String> CORRECTABLE = Set.of("crcIds", "announcedOn", "newPlannedEndOn", "reason", "sources");

    public ContractTermChangeDetails {
        crcIds = EntryRules.copy("crcIds", crcIds);
        reason = EntryRules.blankToNull(reason);
        sources = EntryRules.copy("sources", sources);
    }

    @Override
    public Set<String> correctableFields() {
        return CORRECTABLE;
    }

    @Override
    public EntryType type() {
        return EntryType.CONTRACT_TERM_CHANGE;
    }

    @Override
    public void check(LocalDate today) {
        EntryRules.requireCrcs("a contract term change", "crcIds", crcIds);
        EntryRules.require("announcedOn", announcedOn);
        EntryRules.require("newPlannedEndOn", newPlannedEndOn);
        EntryRules.requireText("reason", reason);
        EntryRules.requireSources(sources);
        EntryRules.requireNotAfter(today, "announcedOn", announcedOn);
        EntryRules.requireSourcesNotAfter(today, sources);
    }

    @Override
    public LocalDate occurredOn() {
        return announcedOn;
    }

    /** "Planned end of 21 CRC contracts moved to 2020-12-31". */
    @Override
    public String summary(ProviderId concerned, Names names) {
        String contracts = crcIds.size() == 1
                ? "the " + SummaryWording.crcName(crcIds.get(0), names) + " contract"
                : crcIds.size() + " CRC contracts";
        return "Planned end of " + contracts + " moved to " + newPlannedEndOn;
    }

    @Override
    public ContractTermChangeDetails correctedWith(Changes changes) {
        return new ContractTermChangeDetails(
                changes.list("crcIds", (path, raw) -> Changes.readId(path, raw, CrcId.class, CrcId::of), crcIds),
                changes.date("announcedOn", announcedOn),
                changes.date("newPlannedEndOn", newPlannedEndOn),
                changes.text("reason", reason),
                changes.sources(sources));
    }
}
