package uk.crcledger.timeline;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.crcledger.timeline.LedgerHistory.CUTS_PURPLE;

/**
 * An instance that stalls past its claim on a segment, after it has read and applied a batch, and
 * then sends that batch's writes, leaves alone what the instance that took the segment over wrote
 * further along: the read model is what a rebuild from the events makes of it.
 */
class StaleSegmentOwnerIntegrationTest {

    /** One segment, so the stalled instance holds everything the other takes over. */
    private static final int SEGMENTS = 1;
    private static final String FIRST_FIGURE = "Napo figure, again";
    private static final String NEWER_FIGURE = "union figure";

    @TempDir
    Path dataDir;

    @Test
    void aStaleOwnersBatchDoesNotOverwriteTheNewerOwnersParts() throws Exception {
        HeldWrites stall = new HeldWrites();
        try (EmbeddedStore store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes());
             LedgerHarness stalled = new LedgerHarness(store, "node-1", SEGMENTS, stall::around)) {
            LedgerHistory.all(stalled::send);
            stalled.awaitProjected();
            int revisions = stalled.live().entry(CUTS_PURPLE.value()).orElseThrow().revisions().size();
            try (LedgerHarness successor = new LedgerHarness(store, "node-2", SEGMENTS)) {
                assertThat(successor.processor().processingStatus()).isEmpty();

                // node-1 reads the correction, applies it and stalls before its writes reach the store.
                stall.hold();
                stalled.send(new CorrectEntry(CUTS_PURPLE, Map.of("totalPosts", 130), FIRST_FIGURE));
                assertThat(stall.awaitHeld()).isTrue();

                // Its claim times out; node-2 takes the segment, handles the same correction and a newer one
                // (sent through node-1, whose command side runs on: only its read-model writes stall).
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> successor.processor().processingStatus().size() == SEGMENTS);
                stalled.send(new CorrectEntry(CUTS_PURPLE, Map.of("totalPosts", 140), NEWER_FIGURE));
                successor.awaitProjected();
                List<Document> newer = successor.documents(1).values().stream().flatMap(List::stream).toList();
                assertThat(successor.live().entry(CUTS_PURPLE.value()).orElseThrow().revisions())
                        .hasSize(revisions + 2);

                // node-1 wakes and sends its batch's writes, then finds at its token that the claim is gone.
                assertThat(stall.release()).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> stalled.processor().processingStatus().isEmpty());

                assertThat(successor.documents(1).values().stream().flatMap(List::stream).toList())
                        .containsExactlyElementsOf(newer);
                LedgerEntry entry = successor.live().entry(CUTS_PURPLE.value()).orElseThrow();
                assertThat(entry.revisions()).hasSize(revisions + 2);
                assertThat(entry.revisions().get(revisions + 1).reason()).isEqualTo(NEWER_FIGURE);
                assertThat(successor.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow().items())
                        .filteredOn(item -> item.entryId().equals(CUTS_PURPLE.value()))
                        .singleElement().extracting(TimelineItem::revisions).isEqualTo(revisions + 2);

                stalled.close();
                successor.rebuild();
                await().atMost(Duration.ofSeconds(60)).until(() -> successor.readModel()
                        .completeRebuildIfCaughtUp(successor.processor(), successor.tokenStore()));
                assertThat(successor.documents(2)).isEqualTo(successor.documents(1));
            } finally {
                stall.release();
            }
        }
    }
}
