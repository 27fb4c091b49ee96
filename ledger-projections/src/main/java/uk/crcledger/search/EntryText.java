package uk.crcledger.search;

import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractTermChangeDetails;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.Source;
import uk.crcledger.incident.IncidentReportDetails;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What of one revision of an entry is searched, field by field. The summary, the sources and whom
 * the entry names are the core's facts ({@link EntryDetails}); only the free text differs by kind,
 * so that is the one place here that looks at the kinds.
 *
 * @param summary     the entry's one-line summary, as the timelines write it
 * @param description what the source adds in free text: an award's, a job cut's or an incident's
 *                    description, a term change's reason
 * @param findings    an inspection's title and findings
 * @param sources     the sources' titles and publishers
 * @param names       the names of the CRCs and providers the entry names, with the providers' members
 *                    (so "Interserve" finds what names Purple Futures)
 */
record EntryText(String summary, String description, String findings, String sources, String names) {

    /** The paragraph break between several values of one field: snippets do not run across it. */
    static final String BETWEEN = "\n\n";

    static EntryText of(EntryDetails details, String providerId, Names names, Members members) {
        ProviderId concerned = providerId == null ? null : ProviderId.of(providerId);
        return new EntryText(details.summary(concerned, names), description(details), findings(details),
                sources(details.sources()), names(details, providerId, names, members));
    }

    /** Every field's text, in {@link SearchFields#TEXT} order. */
    List<String> values() {
        return java.util.Arrays.asList(summary, description, findings, sources, names);
    }

    private static String description(EntryDetails details) {
        if (details instanceof ContractAwardDetails award) {
            return award.description();
        }
        if (details instanceof JobCutAnnouncementDetails cut) {
            return cut.description();
        }
        if (details instanceof IncidentReportDetails incident) {
            return incident.description();
        }
        if (details instanceof ContractTermChangeDetails change) {
            return change.reason();
        }
        return null;
    }

    private static String findings(EntryDetails details) {
        if (details instanceof InspectionFindingDetails finding) {
            return joined(List.of(finding.title(), finding.findings()));
        }
        return null;
    }

    private static String sources(List<Source> sources) {
        List<String> text = new ArrayList<>();
        for (Source source : sources) {
            text.add(source.publisher() == null ? source.title() : source.title() + " (" + source.publisher() + ")");
        }
        return joined(text);
    }

    private static String names(EntryDetails details, String providerId, Names names, Members members) {
        Set<String> named = new LinkedHashSet<>();
        for (CrcId crc : details.crcIds()) {
            named.add(names.crc(crc.value()));
        }
        Set<String> providers = new LinkedHashSet<>();
        if (providerId != null) {
            providers.add(providerId);
        }
        details.namedProvider().map(ProviderId::value).ifPresent(providers::add);
        if (details instanceof ContractEndDetails end && end.successorProviderId() != null) {
            providers.add(end.successorProviderId().value());
        }
        for (String provider : providers) {
            named.add(names.provider(provider));
            named.addAll(members.of(provider));
        }
        return joined(new ArrayList<>(named));
    }

    private static String joined(List<String> values) {
        List<String> present = values.stream().filter(Objects::nonNull).filter(v -> !v.isBlank()).toList();
        return present.isEmpty() ? null : String.join(BETWEEN, present);
    }

    /** The members registered for each provider (its partners in a joint venture). */
    interface Members {
        List<String> of(String providerId);
    }
}
