package uk.crcledger.timeline;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;
import uk.crcledger.projection.ReadModelCollections;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dropping the read model and replaying it from the events gives the same documents, and queries
 * keep answering from the old version while the new one is built.
 */
class RebuildIntegrationTest {

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private LedgerHarness ledger;

    @BeforeEach
    void record() {
        store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes());
        ledger = new LedgerHarness(store, "node-1", 4);
        LedgerHistory.all(ledger::send);
        ledger.awaitProjected();
        // A withholding marks a revision: the rebuilt entry must carry the same mark.
        ledger.send(LedgerHistory.courtOrder(LedgerHistory.CUTS_PURPLE,
                ledger.positionOf(LedgerHistory.CUTS_PURPLE, 1)));
        // More of the same shape, over many CRCs, so segments interleave.
        for (int i = 0; i < 30; i++) {
            ManyCrcs.record(ledger::send, i);
        }
        ledger.awaitProjected();
    }

    @AfterEach
    void stop() {
        ledger.close();
        store.close();
    }

    @Test
    void rebuildsDocumentForDocumentTheSameReadModel() {
        Map<String, List<Document>> live = snapshot(ledger.readModel().versions().state().active());
        Timeline before = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow();

        ledger.rebuild();
        // While the new version is built, the old one answers.
        assertThat(ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all())).contains(before);
        assertThat(ledger.readModel().versions().state().building()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ledger.readModel().completeRebuildIfCaughtUp(ledger.processor(), ledger.tokenStore()));

        assertThat(ledger.readModel().versions().state().active()).isEqualTo(2);
        Map<String, List<Document>> rebuilt = snapshot(2);
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        live.forEach((collection, documents) -> assertThat(rebuilt.get(collection))
                .as(collection).containsExactlyElementsOf(documents));
        assertThat(ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all())).contains(before);
    }

    @Test
    void rebuildsOnlyAReadModelStoredInAnOlderLayout() {
        // A new store was marked with the current layout before its first batch: nothing to upgrade.
        assertThat(ledger.readModel().versions().state().layout()).isEqualTo(uk.crcledger.projection.MongoModel.LAYOUT);
        ledger.keepUp();
        assertThat(ledger.readModel().versions().state().building()).isNull();

        // As an earlier version left it: no layout recorded.
        Timeline before = ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow();
        store.database().getCollection(uk.crcledger.projection.ReadModelVersions.COLLECTION).updateOne(
                com.mongodb.client.model.Filters.eq("_id", LedgerReadModel.PROCESSOR),
                com.mongodb.client.model.Updates.unset("layout"));
        // This version cannot read an older layout's documents: it says so instead of answering wrongly.
        org.assertj.core.api.Assertions.assertThatThrownBy(ledger::live)
                .isInstanceOf(ReadModelUnavailableException.class);
        ledger.keepUp();

        assertThat(ledger.readModel().versions().state().building()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ledger.readModel().completeRebuildIfCaughtUp(ledger.processor(), ledger.tokenStore()));
        assertThat(ledger.readModel().versions().state().layout()).isEqualTo(uk.crcledger.projection.MongoModel.LAYOUT);
        assertThat(ledger.live().crcTimeline("west-yorkshire", TimelineFilter.all())).contains(before);
    }

    private Map<String, List<Document>> snapshot(int version) {
        Map<String, List<Document>> all = ledger.documents(version);
        assertThat(all.get(ReadModelCollections.ENTRIES)).isNotEmpty();
        return all;
    }
}
