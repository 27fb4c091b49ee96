package uk.crcledger.timeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.timeline.LedgerHistory.CUTS_PURPLE;
import static uk.crcledger.timeline.LedgerHistory.courtOrder;

/**
 * A withheld payload in the entry views: the revision whose event's payload is withheld is marked
 * with the withholding, the entry lists the withheld positions, and the mark is what live, as-of and
 * replayed models show alike. The content stays: the payload endpoint withholds, the views mark.
 */
class WithholdingProjectionIntegrationTest {

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private LedgerHarness ledger;
    private long recorded;
    private long corrected;

    @BeforeEach
    void record() {
        store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes());
        ledger = new LedgerHarness(store, "node-1", 2);
        LedgerHistory.all(ledger::send); // CUTS_PURPLE is recorded, then corrected
        ledger.awaitProjected();
        recorded = ledger.positionOf(CUTS_PURPLE, 1);
        corrected = ledger.positionOf(CUTS_PURPLE, 2);
    }

    @AfterEach
    void stop() {
        ledger.close();
        store.close();
    }

    private long withhold(long position) {
        ledger.send(courtOrder(CUTS_PURPLE, position));
        ledger.awaitProjected();
        return store.engine().headPosition() - 1;
    }

    private List<Revision> revisions(LedgerQueries queries) {
        return queries.entry(CUTS_PURPLE.value()).orElseThrow().revisions();
    }

    @Test
    void marksTheRevisionWhosePayloadIsWithheld() {
        long withholding = withhold(recorded);

        List<Revision> revisions = revisions(ledger.live());
        Withholding mark = revisions.get(0).withheld();
        assertThat(mark.reason()).isEqualTo("Anonymity order: names a member of staff");
        assertThat(mark.reference()).isEqualTo("QB-2026-000123");
        assertThat(mark.withheldBy()).isEqualTo("alice");
        assertThat(mark.ledgerPosition()).isEqualTo(withholding);
        assertThat(mark.withheldAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(revisions.get(1).withheld()).isNull();
    }

    @Test
    void listsTheWithheldPositionsOnTheEntry() {
        assertThat(ledger.live().entry(CUTS_PURPLE.value()).orElseThrow().withheldPositions()).isEmpty();

        withhold(corrected);
        withhold(recorded);

        assertThat(ledger.live().entry(CUTS_PURPLE.value()).orElseThrow().withheldPositions())
                .containsExactly(recorded, corrected);
    }

    @Test
    void isNoRevisionAndKeepsTheContent() {
        LedgerEntry before = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        withhold(recorded);
        LedgerEntry after = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();

        assertThat(after.revisions()).hasSize(2);
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.revisions().get(0).summary()).isEqualTo(before.revisions().get(0).summary());
        assertThat(ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()))
                .isEqualTo(ledger.readModel().asOf(Instant.now()).crcTimeline("west-yorkshire", TimelineFilter.all()));
    }

    @Test
    void keepsTheMarkThroughALaterCorrection() {
        withhold(recorded);
        ledger.send(new CorrectEntry(CUTS_PURPLE, Map.of("totalPosts", 130), "second Napo figure"));
        ledger.awaitProjected();

        List<Revision> revisions = revisions(ledger.live());
        assertThat(revisions).hasSize(3);
        assertThat(revisions.get(0).withheld()).isNotNull();
        assertThat(revisions.get(2).withheld()).isNull();
    }

    @Test
    void answersAsOfBeforeAndAfterTheWithholdingAsTheLiveModelShowedThen() {
        Instant before = Instant.now();
        LedgerEntry shownBefore = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        withhold(recorded);
        Instant after = Instant.now();
        LedgerEntry shownAfter = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        ledger.send(new CorrectEntry(CUTS_PURPLE, Map.of("totalPosts", 130), "second Napo figure"));
        ledger.awaitProjected();

        assertThat(ledger.readModel().asOf(before).entry(CUTS_PURPLE.value())).contains(shownBefore);
        assertThat(ledger.readModel().asOf(after).entry(CUTS_PURPLE.value())).contains(shownAfter);
        assertThat(revisions(ledger.readModel().asOf(Instant.now())).get(0).withheld()).isNotNull();
    }
}
