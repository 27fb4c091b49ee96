package uk.crcledger.timeline.overview;

import uk.crcledger.entry.EntryType;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.timeline.ContractPeriod;
import uk.crcledger.timeline.CrcView;
import uk.crcledger.timeline.EntryStatus;
import uk.crcledger.timeline.HeldCrc;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.ProviderSummary;
import uk.crcledger.timeline.ProviderView;
import uk.crcledger.timeline.TimelineFilter;
import uk.crcledger.timeline.TimelineItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every CRC with its contract periods and the marks on them, and the providers compared, as one answer for the
 * overview chart and its table. Derived from the read side's answers (CRC views, CRC and provider timelines,
 * provider summaries), so who held which CRC when is the core's {@code ContractHistory}, a summary is the core's
 * wording, and asking as of an instant is asking those answers as of it.
 *
 * <p>Rows come grouped by first owner (then by name), so a chart of them reads as blocks of one colour. Retracted
 * entries are left out: the overview shows what the ledger stands by, the CRC's timeline shows them marked. The
 * filter narrows the rows and marks; the comparison always compares every provider.
 *
 * @param markTypes the kinds of entry marked (the filter's), in the order of {@link EntryType}; a list, not a set,
 *                  since the Java client openapi-generator makes from a set of enums does not compile
 * @param ownerId   the owner the rows are narrowed to, or null
 */
public record Overview(List<EntryType> markTypes, String ownerId, List<CrcOverview> crcs,
                       List<ProviderComparison> providers) {

    /** The overview as {@code queries} answer it (live or as of their instant), cached with their answers. */
    public static Overview of(LedgerQueries queries, OverviewFilter filter) {
        return queries.derived(List.of("overview", filter), q -> compute(q, filter));
    }

    private static Overview compute(LedgerQueries queries, OverviewFilter filter) {
        TimelineFilter marked = new TimelineFilter(filter.types(), null, null, filter.ownerId(), 0, Integer.MAX_VALUE);
        List<CrcOverview> rows = new ArrayList<>();
        for (CrcView crc : queries.crcs()) {
            if (filter.ownerId() != null
                    && crc.contracts().stream().noneMatch(c -> c.providerId().equals(filter.ownerId()))) {
                continue;
            }
            List<OverviewMark> marks = queries.crcTimeline(crc.crcId(), marked).stream()
                    .flatMap(timeline -> timeline.items().stream())
                    .filter(item -> item.status() != EntryStatus.RETRACTED)
                    .map(Overview::mark)
                    .toList();
            rows.add(new CrcOverview(crc.crcId(), crc.name(), crc.abbreviation(), crc.contracts(), marks));
        }
        rows.sort(Comparator.comparing((CrcOverview row) -> firstOwner(row.contracts()))
                .thenComparing(CrcOverview::name));
        List<ProviderComparison> providers = new ArrayList<>();
        for (ProviderView provider : queries.providers()) {
            queries.provider(provider.providerId()).map(summary -> comparison(queries, summary))
                    .ifPresent(providers::add);
        }
        return new Overview(filter.types().stream().sorted().toList(), filter.ownerId(), rows, providers);
    }

    private static OverviewMark mark(TimelineItem item) {
        return new OverviewMark(item.entryId(), item.type(), item.occurredOn(), item.providerId(), item.providerName(),
                item.summary(),
                item.details() instanceof InspectionFindingDetails finding ? finding.rating() : null,
                item.details() instanceof JobCutAnnouncementDetails cut ? cut.postsCut() : null);
    }

    /** The name of a CRC's first holder; a CRC never awarded sorts last. */
    private static String firstOwner(List<ContractPeriod> contracts) {
        return contracts.isEmpty() ? "\uffff" : contracts.get(0).providerName();
    }

    private static ProviderComparison comparison(LedgerQueries queries, ProviderSummary summary) {
        Set<String> held = new TreeSet<>();
        Stream.concat(summary.crcsHeldNow().stream(), summary.crcsHeldBefore().stream())
                .map(HeldCrc::crcId).forEach(held::add);
        long heldNow = summary.crcsHeldNow().stream().map(HeldCrc::crcId).distinct().count();
        TimelineFilter incidents = new TimelineFilter(Set.of(EntryType.INCIDENT_REPORT), null, null, null, 0,
                Integer.MAX_VALUE);
        long incidentCount = queries.providerTimeline(summary.providerId(), incidents).stream()
                .flatMap(timeline -> timeline.items().stream())
                .filter(item -> item.status() != EntryStatus.RETRACTED)
                .count();
        return new ProviderComparison(summary.providerId(), summary.name(), held.size(), (int) heldNow,
                summary.postsAnnouncedCut(), summary.announcementsWithPercentageOnly(), summary.findingsByRating(),
                (int) incidentCount);
    }
}
