package uk.crcledger.timeline;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
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

        assertThat(timeline.items()).extracting(i -> i.getString("entryId")).containsExactly(
                AWARD_WY.value(), TR3.value(), CUTS_PURPLE.value(), CUTS_DUPLICATE.value(), EARLY_END.value());
        assertThat(timeline.items()).extracting(i -> i.getString("occurredOn")).isSorted();
        Document award = timeline.items().get(0);
        assertThat(award.getString("type")).isEqualTo("contract-award");
        assertThat(award.getString("providerName")).isEqualTo("Purple Futures");
        assertThat(award.getString("recordedBy")).isEqualTo("alice");
        assertThat(award.getString("startsOn")).isEqualTo("2015-02-01");
        assertThat(award.getList("sources", Document.class)).extracting(s -> s.getString("title"))
                .containsExactly("Parliamentary question 221779");
        // A thematic finding names no provider; on this CRC's timeline it falls to the holder of the day.
        assertThat(timeline.items().get(1).getString("providerId")).isEqualTo("purple-futures");
    }

    @Test
    void showsACorrectionAndKeepsTheEarlierVersionInTheEntry() {
        Document cuts = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow().items().get(2);
        assertThat(cuts.getString("status")).isEqualTo("corrected");
        assertThat(cuts.getInteger("revisions")).isEqualTo(2);
        assertThat(cuts.getString("summary")).contains("Purple Futures").contains("120 posts");

        Document entry = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        List<Document> revisions = entry.getList("revisions", Document.class);
        assertThat(revisions).extracting(r -> r.getString("kind")).containsExactly("recorded", "corrected");
        assertThat(revisions.get(0).getString("summary")).contains("100 posts");
        assertThat(revisions.get(1).getString("reason")).isEqualTo("Napo figure");
        assertThat(revisions.get(1).getList("changedFields", String.class)).containsExactly("totalPosts");
    }

    @Test
    void keepsARetractedEntryVisibleAndMarked() {
        Document duplicate = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow()
                .items().get(3);
        assertThat(duplicate.getString("entryId")).isEqualTo(CUTS_DUPLICATE.value());
        assertThat(duplicate.getString("status")).isEqualTo("retracted");
        assertThat(ledger.live().entry(CUTS_DUPLICATE.value()).orElseThrow().getList("revisions", Document.class))
                .extracting(r -> r.getString("reason")).containsExactly(null, "recorded twice");
    }

    @Test
    void filtersAndPagesATimeline() {
        Timeline cuts = ledger.live().crcTimeline("west-yorkshire",
                new TimelineFilter(Set.of("job-cut-announcement"), "2016-01-01", "2016-12-31", null, 1, 1)).orElseThrow();

        assertThat(cuts.total()).isEqualTo(2);
        assertThat(cuts.items()).extracting(i -> i.getString("entryId")).containsExactly(CUTS_DUPLICATE.value());
        assertThat(cuts.hasMore()).isFalse();
    }

    @Test
    void followsATransferInTheCrcViewAndBothProvidersTimelines() {
        Document ddc = ledger.live().crc("ddc").orElseThrow();
        assertThat(ddc.getString("currentProviderId")).isEqualTo("seetec");
        assertThat(ddc.getList("contracts", Document.class))
                .extracting(c -> c.getString("providerId"), c -> c.getString("startsOn"), c -> c.getString("endedOn"),
                        c -> c.getString("plannedEndOn"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("working-links", "2015-02-01", "2019-02-15", "2020-12-31"),
                        org.assertj.core.groups.Tuple.tuple("seetec", "2019-02-15", null, "2020-12-31"));

        Timeline workingLinks = ledger.live().providerTimeline("working-links", TimelineFilter.all()).orElseThrow();
        assertThat(workingLinks.items()).extracting(i -> i.getString("entryId")).contains(AWARD_DDC.value(),
                CUTS_WORKING_LINKS.value(), FINDING_DDC.value(), TRANSFER_DDC.value());
        Timeline seetec = ledger.live().providerTimeline("seetec", TimelineFilter.all()).orElseThrow();
        assertThat(seetec.items()).extracting(i -> i.getString("entryId"))
                .containsExactly(TRANSFER_DDC.value(), TRANSFER_WALES.value());
    }

    @Test
    void summarisesAProvider() {
        Document purple = ledger.live().provider("purple-futures").orElseThrow();
        assertThat(purple.getList("crcsHeldNow", Document.class)).extracting(c -> c.getString("crcId"))
                .containsExactly("west-yorkshire");
        // 120 after the correction; the retracted duplicate does not count.
        assertThat(purple.get("postsAnnouncedCut", org.bson.types.Decimal128.class).bigDecimalValue())
                .isEqualByComparingTo(new BigDecimal("120"));

        Document workingLinks = ledger.live().provider("working-links").orElseThrow();
        assertThat(workingLinks.getList("crcsHeldNow", Document.class)).isEmpty();
        assertThat(workingLinks.getList("crcsHeldBefore", Document.class)).extracting(c -> c.getString("crcId"))
                .containsExactly("ddc", "wales");
        assertThat(workingLinks.getInteger("announcementsWithPercentageOnly")).isEqualTo(1);
        assertThat(workingLinks.get("findingsByRating", Document.class))
                .containsEntry("inadequate", 1).containsEntry("none", 1);
        assertThat(workingLinks.getList("latestFindingPerCrc", Document.class))
                .extracting(f -> f.getString("crcId"), f -> f.getString("entryId"))
                .contains(org.assertj.core.groups.Tuple.tuple("ddc", FINDING_DDC.value()));
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
        assertThat(after.items()).extracting(i -> i.getString("entryId")).contains("cuts-later");
        assertThat(after.total()).isEqualTo(first.total() + 1);
    }

    @Test
    void answersUnknownIdsWithNothing() {
        assertThat(ledger.live().crcTimeline("atlantis", TimelineFilter.all())).isEmpty();
        assertThat(ledger.live().provider("nobody")).isEmpty();
        assertThat(ledger.live().entry("no-such-entry")).isEmpty();
        assertThat(ledger.live().crcs()).extracting(c -> c.getString("crcId"))
                .containsExactly("ddc", "wales", "west-yorkshire");
    }
}
