package uk.crcledger.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor's event source: every stored event in ledger order, and word as soon as one is stored here. */
class LedgerEventSourceIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void callsBackWhenThisEngineStoresACommitAndStreamsEveryEventInOrder() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            store.engine().appendEvents(TestEvents.commit("a", 0, 2, "first"));
            LedgerEventSource source = new LedgerEventSource(store.engine());
            BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createTailToken());
            CountDownLatch called = new CountDownLatch(1);
            assertThat(stream.setOnAvailableCallback(called::countDown)).isTrue();

            assertThat(position(stream.nextAvailable())).isEqualTo(1);
            assertThat(position(stream.nextAvailable())).isEqualTo(2);
            assertThat(stream.hasNextAvailable()).isFalse();

            store.engine().appendEvents(TestEvents.commit("b", 0, 1, "second"));
            assertThat(called.await(10, TimeUnit.SECONDS)).as("called back").isTrue();
            assertThat(stream.peek()).map(LedgerEventSourceIntegrationTest::position).contains(3L);
            assertThat(position(stream.nextAvailable())).isEqualTo(3);

            // A commit stored by another engine (another app instance) sends no word, but is read.
            try (MongoLedgerStorageEngine other = EmbeddedStore.engineOn(store.database())) {
                other.appendEvents(TestEvents.commit("c", 0, 1, "elsewhere"));
            }
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(position(stream.nextAvailable())).isEqualTo(4);
            stream.close();
        }
    }

    @Test
    void resumesFromATokenInsideACommit() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            store.engine().appendEvents(TestEvents.commit("a", 0, 3, "three"));
            BlockingStream<TrackedEventMessage<?>> stream = new LedgerEventSource(store.engine())
                    .openStream(new org.axonframework.eventhandling.GlobalSequenceTrackingToken(1));
            assertThat(position(stream.nextAvailable())).isEqualTo(2);
            assertThat(position(stream.nextAvailable())).isEqualTo(3);
            assertThat(stream.hasNextAvailable()).isFalse();
            stream.close();
        }
    }

    @Test
    void waitsForAnEventUpToItsTimeoutAtTheHead() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            BlockingStream<TrackedEventMessage<?>> stream = new LedgerEventSource(store.engine()).openStream(null);
            long started = System.nanoTime();
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            stream.close();
        }
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }
}
