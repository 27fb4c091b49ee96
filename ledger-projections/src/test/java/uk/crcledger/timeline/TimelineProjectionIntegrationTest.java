package uk.crcledger.timeline;

import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static uk.crcledger.timeline.LedgerHistory.*;

/** The read model, filled by its processor from a recorded history on the embedded store. */
class TimelineProjectionIntegrationTest {

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private LedgerHarness ledger;

    @BeforeEach
    void record() {
        store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes());
        ledger = new LedgerHarness(store, "node-1", 2);
        LedgerHistory.all(ledger::send);
        ledger.awaitProjected();
    }

    @AfterEach
    void stop() {
        ledger.close();
        store.close();
    }

    @Test
    void showsACrcsEntriesInTheOrderTheyHappened() {
        Timeline timeline = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow();

        assertThat(timeline.items()).extracting(TimelineItem::entryId).containsExactly(
                AWARD_WY.value(), TR3.value(), CUTS_PURPLE.value(), CUTS_DUPLICATE.value(), EARLY_END.value());
        assertThat(timeline.items()).extracting(TimelineItem::occurredOn).isSorted();
        TimelineItem award = timeline.items().get(0);
        assertThat(award.type()).isEqualTo(EntryType.CONTRACT_AWARD);
        assertThat(award.providerName()).isEqualTo("Purple Futures");
        assertThat(award.recordedBy()).isEqualTo("alice");
        assertThat(award.fields()).containsEntry("startsOn", "2015-02-01");
        assertThat(award.sources()).extracting(Source::title).containsExactly("Parliamentary question 221779");
        // A thematic finding names no provider; on this CRC's timeline it falls to the holder of the day.
        assertThat(timeline.items().get(1).providerId()).isEqualTo("purple-futures");
    }

    @Test
    void showsACorrectionAndKeepsTheEarlierVersionInTheEntry() {
        TimelineItem cuts = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow().items()
                .get(2);
        assertThat(cuts.status()).isEqualTo(EntryStatus.CORRECTED);
        assertThat(cuts.revisions()).isEqualTo(2);
        assertThat(cuts.summary()).contains("Purple Futures").contains("120 posts");

        LedgerEntry entry = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        List<Revision> revisions = entry.revisions();
        assertThat(revisions).extracting(Revision::kind).containsExactly(RevisionKind.RECORDED, RevisionKind.CORRECTED);
        assertThat(revisions.get(0).summary()).contains("100 posts");
        assertThat(revisions.get(1).reason()).isEqualTo("Napo figure");
        assertThat(revisions.get(1).changedFields()).containsExactly("totalPosts");
        // The change itself, as a reader sees it on the entry's page: the field, before and after.
        assertThat(revisions.get(1).changes())
                .extracting(FieldChange::field, c -> String.valueOf(c.before()), c -> String.valueOf(c.after()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("totalPosts", "100", "120"));
        assertThat(revisions.get(0).changes()).isNull();
    }

    @Test
    void keepsARetractedEntryVisibleAndMarked() {
        TimelineItem duplicate = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow()
                .items().get(3);
        assertThat(duplicate.entryId()).isEqualTo(CUTS_DUPLICATE.value());
        assertThat(duplicate.status()).isEqualTo(EntryStatus.RETRACTED);
        assertThat(ledger.live().entry(CUTS_DUPLICATE.value()).orElseThrow().revisions())
                .extracting(Revision::reason).containsExactly(null, "recorded twice");
        // A retraction states no fields, so it changes none.
        assertThat(ledger.live().entry(CUTS_DUPLICATE.value()).orElseThrow().revisions().get(1).changes()).isNull();
    }

    @Test
    void filtersAndPagesATimeline() {
        Timeline cuts = ledger.live().crcTimeline("west-yorkshire",
                new TimelineFilter(Set.of(EntryType.JOB_CUT_ANNOUNCEMENT), LocalDate.of(2016, 1, 1),
                        LocalDate.of(2016, 12, 31), null, 1, 1)).orElseThrow();

        assertThat(cuts.total()).isEqualTo(2);
        assertThat(cuts.items()).extracting(TimelineItem::entryId).containsExactly(CUTS_DUPLICATE.value());
        assertThat(cuts.hasMore()).isFalse();
    }

    /**
     * A page is chosen while the timeline is read a part at a time: paging through a timeline far
     * longer than a part, with many entries on one day, gives each entry once, in the order of the whole.
     */
    @Test
    void pagesThroughALongTimelineInTheOrderOfTheWhole() {
        for (int i = 0; i < 150; i++) {
            ledger.send(new uk.crcledger.jobcut.RecordJobCutAnnouncement(uk.crcledger.entry.EntryId.of("cuts-" + i),
                    PURPLE_FUTURES, LocalDate.of(2016, 3, 1).plusDays((i * 37L) % 60),
                    List.of(uk.crcledger.jobcut.AffectedCrc.of(WEST_YORKSHIRE, null)), uk.crcledger.entry.Posts.of("1"),
                    null, "cut " + i, SOURCES));
        }
        ledger.awaitProjected();

        for (var timeline : List.<java.util.function.Function<TimelineFilter, java.util.Optional<Timeline>>>of(
                f -> ledger.live().crcTimeline("west-yorkshire", f),
                f -> ledger.live().providerTimeline("purple-futures", f))) {
            Timeline whole = timeline.apply(TimelineFilter.all()).orElseThrow();
            assertThat(whole.items()).isSortedAccordingTo(java.util.Comparator.comparing(TimelineItem::occurredOn)
                    .thenComparingLong(TimelineItem::ledgerPosition));
            List<String> paged = new java.util.ArrayList<>();
            for (int offset = 0; offset < whole.total(); offset += 7) {
                Timeline page = timeline.apply(new TimelineFilter(null, null, null, null, offset, 7)).orElseThrow();
                assertThat(page.total()).isEqualTo(whole.total());
                page.items().forEach(item -> paged.add(item.entryId()));
            }
            assertThat(whole.total()).isGreaterThan(150);
            assertThat(paged).containsExactlyElementsOf(whole.items().stream().map(TimelineItem::entryId).toList());
        }
    }

    /** A CRC's contract history is read from its own document of contract entries, kept up by every revision. */
    @Test
    void aRetractedTransferNoLongerMovesTheCrc() {
        java.time.Instant beforeRetraction = java.time.Instant.now();
        ledger.send(new uk.crcledger.correction.RetractEntry(TRANSFER_WALES, "recorded against the wrong CRC"));
        ledger.awaitProjected();

        assertThat(ledger.live().crc("wales").orElseThrow().currentProviderId()).isEqualTo("working-links");
        assertThat(ledger.live().provider("seetec").orElseThrow().crcsHeldNow()).extracting(HeldCrc::crcId)
                .containsExactly("ddc");
        assertThat(ledger.readModel().queries(beforeRetraction).crc("wales").orElseThrow().currentProviderId())
                .isEqualTo("seetec");
    }

    @Test
    void followsATransferInTheCrcViewAndBothProvidersTimelines() {
        CrcView ddc = ledger.live().crc("ddc").orElseThrow();
        assertThat(ddc.currentProviderId()).isEqualTo("seetec");
        assertThat(ddc.contracts())
                .extracting(ContractPeriod::providerId, ContractPeriod::startsOn, ContractPeriod::endedOn,
                        ContractPeriod::plannedEndOn)
                .containsExactly(
                        tuple("working-links", date("2015-02-01"), date("2019-02-15"), date("2020-12-31")),
                        tuple("seetec", date("2019-02-15"), null, date("2020-12-31")));

        Timeline workingLinks = ledger.live().providerTimeline("working-links", TimelineFilter.all()).orElseThrow();
        assertThat(workingLinks.items()).extracting(TimelineItem::entryId).contains(AWARD_DDC.value(),
                CUTS_WORKING_LINKS.value(), FINDING_DDC.value(), TRANSFER_DDC.value());
        Timeline seetec = ledger.live().providerTimeline("seetec", TimelineFilter.all()).orElseThrow();
        assertThat(seetec.items()).extracting(TimelineItem::entryId)
                .containsExactly(TRANSFER_DDC.value(), TRANSFER_WALES.value());
    }

    @Test
    void summarisesAProvider() {
        ProviderSummary purple = ledger.live().provider("purple-futures").orElseThrow();
        assertThat(purple.crcsHeldNow()).extracting(HeldCrc::crcId).containsExactly("west-yorkshire");
        // 120 after the correction; the retracted duplicate does not count.
        assertThat(purple.postsAnnouncedCut()).isEqualByComparingTo(new BigDecimal("120"));

        ProviderSummary workingLinks = ledger.live().provider("working-links").orElseThrow();
        assertThat(workingLinks.crcsHeldNow()).isEmpty();
        assertThat(workingLinks.crcsHeldBefore()).extracting(HeldCrc::crcId).containsExactly("ddc", "wales");
        assertThat(workingLinks.announcementsWithPercentageOnly()).isEqualTo(1);
        assertThat(workingLinks.findingsByRating()).containsEntry("inadequate", 1).containsEntry("none", 1);
        assertThat(workingLinks.latestFindingPerCrc()).extracting(LatestFinding::crcId, LatestFinding::entryId)
                .contains(tuple("ddc", FINDING_DDC.value()));
    }

    @Test
    void reusesAnAnswerOnlyUntilTheReadModelMovesOn() {
        Timeline first = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow();
        assertThat(ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow()).isSameAs(first);

        ledger.send(new uk.crcledger.jobcut.RecordJobCutAnnouncement(uk.crcledger.entry.EntryId.of("cuts-later"),
                PURPLE_FUTURES, java.time.LocalDate.of(2017, 3, 1),
                List.of(uk.crcledger.jobcut.AffectedCrc.of(WEST_YORKSHIRE, null)), uk.crcledger.entry.Posts.of("40"),
                null, "more cuts", SOURCES));
        ledger.awaitProjected();

        Timeline after = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow();
        assertThat(after.items()).extracting(TimelineItem::entryId).contains("cuts-later");
        assertThat(after.total()).isEqualTo(first.total() + 1);
        // What was kept under the earlier stamp can no longer be asked for, so it is no longer kept.
        assertThat(ledger.readModel().cachedAnswers()).isEqualTo(1);
    }

    /** What a writer polls until its entry is readable: the entry with at least that many revisions. */
    @Test
    void showsAnEntryOnceItHasTheRevisionsAWriterWaitsFor() {
        assertThat(ledger.readModel().shows(AWARD_WY.value(), 1)).isTrue();
        assertThat(ledger.readModel().shows(CUTS_PURPLE.value(), 2)).as("recorded, then corrected").isTrue();
        assertThat(ledger.readModel().shows(CUTS_PURPLE.value(), 3)).isFalse();
        assertThat(ledger.readModel().shows("not-recorded", 1)).isFalse();
    }

    @Test
    void answersUnknownIdsWithNothing() {
        assertThat(ledger.live().crcTimeline("atlantis", TimelineFilter.all())).isEmpty();
        assertThat(ledger.live().provider("nobody")).isEmpty();
        assertThat(ledger.live().entry("no-such-entry")).isEmpty();
        assertThat(ledger.live().crcs()).extracting(CrcView::crcId)
                .containsExactly("ddc", "wales", "west-yorkshire");
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
