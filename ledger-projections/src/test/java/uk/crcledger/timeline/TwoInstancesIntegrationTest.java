package uk.crcledger.timeline;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app instances share the read model's processor: its segments are split between them through
 * the token store, every event is handled once, and when one stops the other takes its segments.
 */
class TwoInstancesIntegrationTest {

    private static final int SEGMENTS = 4;

    @TempDir
    Path dataDir;

    record Handled(String node, String eventId) {
    }

    static final class Witness {
        private final String node;
        private final List<Handled> handled;

        Witness(String node, List<Handled> handled) {
            this.node = node;
            this.handled = handled;
        }

        @EventHandler
        void on(Object payload, EventMessage<?> event) {
            handled.add(new Handled(node, event.getIdentifier()));
        }
    }

    @Test
    void splitsTheSegmentsAndHandlesEveryEventOnce() {
        List<Handled> handled = new CopyOnWriteArrayList<>();
        try (EmbeddedStore store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes());
             LedgerHarness first = new LedgerHarness(store, "node-1", SEGMENTS, new Witness("node-1", handled));
             LedgerHarness second = new LedgerHarness(store, "node-2", SEGMENTS, new Witness("node-2", handled))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.processor().processingStatus().size()
                    + second.processor().processingStatus().size() == SEGMENTS
                    && !first.processor().processingStatus().isEmpty()
                    && !second.processor().processingStatus().isEmpty());

            LedgerHistory.all(first::send);
            for (int i = 0; i < 10; i++) {
                ManyCrcs.record(first::send, i);
            }
            long events = store.engine().headPosition() - 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= events);

            Map<String, Long> perEvent = handled.stream()
                    .collect(Collectors.groupingBy(Handled::eventId, Collectors.counting()));
            assertThat(perEvent).hasSize((int) events);
            assertThat(perEvent.values()).containsOnly(1L);
            assertThat(handled).extracting(Handled::node).contains("node-1", "node-2");
            first.awaitProjected();
            second.awaitProjected();
            assertThat(first.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow().items())
                    .hasSize(5);

            // One instance stops; the other takes over its segments and handles what comes next.
            second.close();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.processor().processingStatus().size() == SEGMENTS);
            handled.clear();
            ManyCrcs.record(first::send, 99);
            long more = store.engine().headPosition() - 1 - events;
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() >= more);
            assertThat(handled).hasSize((int) more).extracting(Handled::node).containsOnly("node-1");
            assertThat(handled.stream().map(Handled::eventId).distinct().count()).isEqualTo(more);
        }
    }
}
