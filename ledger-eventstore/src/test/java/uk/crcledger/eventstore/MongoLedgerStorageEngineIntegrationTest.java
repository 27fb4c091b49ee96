package uk.crcledger.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.eventstore.testing.TestEvents.Probed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoLedgerStorageEngineIntegrationTest {

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private MongoLedgerStorageEngine engine;

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dataDir);
        engine = store.engine();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void givesEveryEventTheNextLedgerPositionInCommitOrder() {
        engine.appendEvents(TestEvents.commit("a", 0, 1, "c1"));
        engine.appendEvents(TestEvents.commit("b", 0, 3, "c2"));
        engine.appendEvents(TestEvents.commit("a", 1, 2, "c3"));

        List<TrackedEventMessage<?>> all = readAll(null);

        assertThat(all).extracting(e -> positionOf(e.trackingToken())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(all).extracting(e -> ((Probed) e.getPayload()).commit())
                .containsExactly("c1", "c2", "c2", "c2", "c3", "c3");
    }

    @Test
    void storesTheEventsOfOneCommitAsOneDocument() {
        engine.appendEvents(TestEvents.commit("a", 0, 3, "whole"));

        assertThat(store.database().getCollection("events").countDocuments()).isEqualTo(1);
        assertThat(engine.readEvents("a").asStream()).hasSize(3);
    }

    @Test
    void resumesATokenThatStoppedInsideACommit() {
        engine.appendEvents(TestEvents.commit("a", 0, 3, "first"));
        engine.appendEvents(TestEvents.commit("b", 0, 1, "second"));

        List<TrackedEventMessage<?>> afterTwo = readAll(new GlobalSequenceTrackingToken(2));

        assertThat(afterTwo).extracting(e -> positionOf(e.trackingToken())).containsExactly(3L, 4L);
        assertThat(readAll(new GlobalSequenceTrackingToken(4))).isEmpty();
    }

    @Test
    void readsAnAggregateFromASequenceNumberInsideACommit() {
        engine.appendEvents(TestEvents.commit("a", 0, 3, "first"));
        engine.appendEvents(TestEvents.commit("a", 3, 2, "second"));

        assertThat(engine.readEvents("a", 1).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(engine.lastSequenceNumberFor("a")).contains(4L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void readsALongAggregateStreamAcrossBatches() {
        for (int seq = 0; seq < 600; seq++) {
            engine.appendEvents(TestEvents.commit("long", seq, 1, "c" + seq));
        }

        assertThat(engine.readEvents("long").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(IntStream.range(0, 600).mapToObj(i -> (long) i).toList());
    }

    @Test
    void rejectsASecondCommitAtTheSameSequenceNumber() {
        engine.appendEvents(TestEvents.commit("a", 0, 1, "create"));
        engine.appendEvents(TestEvents.commit("a", 1, 1, "change"));

        assertThatThrownBy(() -> engine.appendEvents(TestEvents.commit("a", 1, 1, "stale")))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("Aggregate Probe a was changed concurrently");
        assertThatThrownBy(() -> engine.appendEvents(TestEvents.commit("a", 0, 1, "again")))
                .isInstanceOf(AggregateStreamCreationException.class)
                .hasMessageContaining("one with that identifier already exists");
        assertThat(readAll(null)).hasSize(2);
    }

    @Test
    void storesExactlyOneOfTwoConcurrentCommandsOnTheSameAggregate() throws Exception {
        engine.appendEvents(TestEvents.commit("contested", 0, 1, "create"));
        int rounds = 50;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= rounds; round++) {
                long seq = round;
                CountDownLatch go = new CountDownLatch(1);
                Callable<Boolean> attempt = () -> {
                    go.await();
                    try {
                        engine.appendEvents(TestEvents.commit("contested", seq, 1, "r" + seq + "-" + Thread.currentThread().getName()));
                        return true;
                    } catch (ConcurrencyException e) {
                        return false;
                    }
                };
                Future<Boolean> one = threads.submit(attempt);
                Future<Boolean> two = threads.submit(attempt);
                go.countDown();
                assertThat(List.of(one.get(), two.get())).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(engine.readEvents("contested").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(IntStream.rangeClosed(0, rounds).mapToObj(i -> (long) i).toList());
    }

    @Test
    void keepsPositionsGaplessWhenTwoInstancesShareTheStore() throws Exception {
        // A second engine on the same database is what a second app instance is.
        try (MongoLedgerStorageEngine other = EmbeddedStore.engineOn(store.database())) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> writes = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                MongoLedgerStorageEngine target = writer % 2 == 0 ? engine : other;
                String aggregate = "w" + writer;
                writes.add(threads.submit(() -> {
                    for (int seq = 0; seq < 100; seq++) {
                        target.appendEvents(TestEvents.commit(aggregate, seq, 1 + seq % 3, aggregate + "-" + seq));
                        seq += seq % 3;
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            threads.shutdown();
        }

        List<TrackedEventMessage<?>> all = readAll(null);
        assertThat(all).extracting(e -> positionOf(e.trackingToken()))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, all.size()).mapToObj(i -> (long) i).toList());
        assertThat(all).extracting(TrackedEventMessage::getIdentifier).doesNotHaveDuplicates();
    }

    @Test
    void storesEventsWithoutAnAggregate() {
        engine.appendEvents(GenericEventMessage.asEventMessage(new Probed("loose", 0, 1, "no aggregate")));
        engine.appendEvents(GenericEventMessage.asEventMessage(new Probed("loose", 0, 1, "another")));

        assertThat(readAll(null)).extracting(e -> ((Probed) e.getPayload()).text())
                .containsExactly("no aggregate", "another");
    }

    @Test
    void rejectsOneCommitThatChangesTwoAggregates() {
        List<DomainEventMessage<?>> twoAggregates = new ArrayList<>(TestEvents.commit("a", 0, 1, "x"));
        twoAggregates.addAll(TestEvents.commit("b", 0, 1, "x"));

        assertThatThrownBy(() -> engine.appendEvents(twoAggregates))
                .hasMessageContaining("One unit of work may change one aggregate");
        assertThat(readAll(null)).isEmpty();
    }

    @Test
    void keepsTheLatestSnapshot() {
        engine.storeSnapshot(new GenericDomainEventMessage<>("Probe", "a", 5, new Probed("snap", 0, 1, "five")));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Probe", "a", 3, new Probed("snap", 0, 1, "three")));

        assertThat(engine.readSnapshot("a")).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.getSequenceNumber()).isEqualTo(5);
            assertThat(((Probed) snapshot.getPayload()).text()).isEqualTo("five");
        });
    }

    @Test
    void createsHeadAndTimeTokens() {
        assertThat(engine.createHeadToken()).isNull();
        engine.appendEvents(TestEvents.commit("a", 0, 2, "old"));
        engine.appendEvents(TestEvents.commit("a", 2, 1, "new"));

        assertThat(positionOf(engine.createHeadToken())).isEqualTo(3);
        assertThat(positionOf(engine.createTokenAt(java.time.Instant.EPOCH))).isZero();
    }

    private List<TrackedEventMessage<?>> readAll(TrackingToken from) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        engine.readEvents(from, false).forEach(events::add);
        return events;
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? 0 : token.position().orElseThrow();
    }
}
