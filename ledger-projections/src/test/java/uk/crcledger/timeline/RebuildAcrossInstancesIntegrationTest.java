package uk.crcledger.timeline;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;
import uk.crcledger.projection.ReadModelVersions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild asked for on one instance while another holds segments: the other lets go of them when
 * its upkeep sees the request (not before: the rebuild waits for a slow instance), the first rebuilds
 * alone, and afterwards the segments are shared again and both instances answer as before.
 */
class RebuildAcrossInstancesIntegrationTest {

    private static final int SEGMENTS = 4;

    @TempDir
    Path dataDir;

    @Test
    void rebuildsWhileAnotherInstanceHoldsSegments() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes());
             LedgerHarness first = new LedgerHarness(store, "node-1", SEGMENTS);
             LedgerHarness second = new LedgerHarness(store, "node-2", SEGMENTS)) {
            first.startUpkeep();
            await().atMost(Duration.ofSeconds(30)).until(() -> holdsSome(first) && holdsSome(second));
            LedgerHistory.all(first::send);
            for (int i = 0; i < 10; i++) {
                ManyCrcs.record(first::send, i);
            }
            LedgerHarness.awaitProjected(SEGMENTS, first, second);
            Map<String, List<Document>> before = first.documents(1);
            Timeline westYorkshire = first.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow();
            ReadModelVersions versions = first.readModel().versions();

            first.rebuild();
            assertThat(first.readModel().status(first::processor).state()).isEqualTo("rebuilding");
            // node-2's upkeep is slow to come round: it still holds its segments, so no token is reset.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> versions.state().building() == null && holdsSome(second));
            assertThat(second.live().crcTimeline("west-yorkshire", TimelineFilter.all())).contains(westYorkshire);

            second.startUpkeep();
            await().atMost(Duration.ofSeconds(60)).until(() -> versions.state().active() == 2
                    && versions.state().rebuilder() == null);

            assertThat(first.documents(2)).isEqualTo(before);
            assertThat(first.live().crcTimeline("west-yorkshire", TimelineFilter.all())).contains(westYorkshire);
            assertThat(second.live().crcTimeline("west-yorkshire", TimelineFilter.all())).contains(westYorkshire);
            await().atMost(Duration.ofSeconds(30)).until(() -> holdsSome(first) && holdsSome(second)
                    && first.processor().processingStatus().size() + second.processor().processingStatus().size()
                    == SEGMENTS);
        }
    }

    private static boolean holdsSome(LedgerHarness instance) {
        return !instance.processor().processingStatus().isEmpty();
    }
}
