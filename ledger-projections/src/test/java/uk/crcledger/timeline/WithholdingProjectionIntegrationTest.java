package uk.crcledger.timeline;

import org.bson.Document;
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

    private List<Document> revisions(LedgerQueries queries) {
        return queries.entry(CUTS_PURPLE.value()).orElseThrow().getList("revisions", Document.class);
    }

    @Test
    void marksTheRevisionWhosePayloadIsWithheld() {
        long withholding = withhold(recorded);

        List<Document> revisions = revisions(ledger.live());
        Document mark = revisions.get(0).get("withheld", Document.class);
        assertThat(mark.getString("reason")).isEqualTo("Anonymity order: names a member of staff");
        assertThat(mark.getString("reference")).isEqualTo("QB-2026-000123");
        assertThat(mark.getString("withheldBy")).isEqualTo("alice");
        assertThat(mark.getLong("ledgerPosition")).isEqualTo(withholding);
        assertThat(Instant.parse(mark.getString("withheldAt"))).isBeforeOrEqualTo(Instant.now());
        assertThat(revisions.get(1)).doesNotContainKey("withheld");
    }

    @Test
    void listsTheWithheldPositionsOnTheEntry() {
        assertThat(ledger.live().entry(CUTS_PURPLE.value()).orElseThrow().getList("withheldPositions", Long.class))
                .isEmpty();

        withhold(corrected);
        withhold(recorded);

        assertThat(ledger.live().entry(CUTS_PURPLE.value()).orElseThrow().getList("withheldPositions", Long.class))
                .containsExactly(recorded, corrected);
    }

    @Test
    void isNoRevisionAndKeepsTheContent() {
        Document before = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        withhold(recorded);
        Document after = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();

        assertThat(after.getList("revisions", Document.class)).hasSize(2);
        assertThat(after.getString("status")).isEqualTo(before.getString("status"));
        assertThat(after.getList("revisions", Document.class).get(0).getString("summary"))
                .isEqualTo(before.getList("revisions", Document.class).get(0).getString("summary"));
        assertThat(ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()))
                .isEqualTo(ledger.readModel().asOf(Instant.now()).crcTimeline("west-yorkshire", TimelineFilter.all()));
    }

    @Test
    void keepsTheMarkThroughALaterCorrection() {
        withhold(recorded);
        ledger.send(new CorrectEntry(CUTS_PURPLE, Map.of("totalPosts", 130), "second Napo figure"));
        ledger.awaitProjected();

        List<Document> revisions = revisions(ledger.live());
        assertThat(revisions).hasSize(3);
        assertThat(revisions.get(0)).containsKey("withheld");
        assertThat(revisions.get(2)).doesNotContainKey("withheld");
    }

    @Test
    void answersAsOfBeforeAndAfterTheWithholdingAsTheLiveModelShowedThen() {
        Instant before = Instant.now();
        Document shownBefore = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        withhold(recorded);
        Instant after = Instant.now();
        Document shownAfter = ledger.live().entry(CUTS_PURPLE.value()).orElseThrow();
        ledger.send(new CorrectEntry(CUTS_PURPLE, Map.of("totalPosts", 130), "second Napo figure"));
        ledger.awaitProjected();

        assertThat(ledger.readModel().asOf(before).entry(CUTS_PURPLE.value())).contains(shownBefore);
        assertThat(ledger.readModel().asOf(after).entry(CUTS_PURPLE.value())).contains(shownAfter);
        assertThat(revisions(ledger.readModel().asOf(Instant.now())).get(0)).containsKey("withheld");
    }
}
