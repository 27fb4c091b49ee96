package uk.crcledger.timeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.timeline.LedgerHistory.*;

/**
 * "As the ledger knew it at T", computed afterwards from the events, equals what the live read
 * model showed at T.
 */
class AsOfIntegrationTest {

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private LedgerHarness ledger;

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes());
        ledger = new LedgerHarness(store, "node-1", 2);
    }

    @AfterEach
    void stop() {
        ledger.close();
        store.close();
    }

    @Test
    void answersWhatTheLiveModelShowedAtThatInstant() {
        LedgerHistory.registrationsAndAwards(ledger::send);
        LedgerHistory.whatHappened(ledger::send);
        ledger.awaitProjected();
        Map<String, Object> shownThen = everything(ledger.live());
        Instant then = Instant.now();

        LedgerHistory.revisions(ledger::send);
        ManyCrcs.record(ledger::send, 0);
        ledger.awaitProjected();
        assertThat(everything(ledger.live())).isNotEqualTo(shownThen);

        Map<String, Object> answeredLater = everything(ledger.readModel().asOf(then));
        assertThat(answeredLater).isEqualTo(shownThen);
    }

    @Test
    void replaysAnEntryThatACorrectionMovedOntoTheCrcFromItsFirstEvent() {
        LedgerHistory.registrationsAndAwards(ledger::send);
        ManyCrcs.record(ledger::send, 2); // crc-2, held by Purple Futures, with its own job cuts
        ledger.send(new uk.crcledger.correction.CorrectEntry(uk.crcledger.entry.EntryId.of("cuts-crc-2"),
                Map.of("crcs", List.of(Map.of("crcId", "west-yorkshire", "posts", 7))), "wrong CRC"));
        ledger.awaitProjected();

        Optional<Timeline> live = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all());
        assertThat(live.orElseThrow().items()).extracting(TimelineItem::entryId).contains("cuts-crc-2");
        assertThat(ledger.readModel().asOf(Instant.now()).crcTimeline("west-yorkshire", TimelineFilter.all()))
                .isEqualTo(live);
    }

    @Test
    void knowsNothingBeforeTheFirstEvent() {
        Instant before = Instant.now();
        LedgerHistory.registrationsAndAwards(ledger::send);
        ledger.awaitProjected();

        assertThat(ledger.readModel().asOf(before).crcTimeline("west-yorkshire", TimelineFilter.all())).isEmpty();
        assertThat(ledger.readModel().asOf(Instant.now()).crcTimeline("west-yorkshire", TimelineFilter.all()))
                .hasValueSatisfying(t -> assertThat(t.items()).hasSize(1));
    }

    private static Map<String, Object> everything(LedgerQueries q) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("wy timeline", q.crcTimeline("west-yorkshire", TimelineFilter.all()));
        all.put("ddc", q.crc("ddc"));
        all.put("wales timeline", q.crcTimeline("wales", TimelineFilter.all()));
        all.put("purple", q.provider("purple-futures"));
        all.put("purple timeline", q.providerTimeline("purple-futures", TimelineFilter.all()));
        all.put("seetec timeline", q.providerTimeline("seetec", TimelineFilter.all()));
        all.put("cuts entry", q.entry(CUTS_PURPLE.value()));
        return all;
    }
}
