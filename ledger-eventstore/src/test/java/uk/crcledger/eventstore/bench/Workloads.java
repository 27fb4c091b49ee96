package uk.crcledger.eventstore.bench;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.BenchStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.eventstore.testing.TestEvents.Probed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The workloads both event store benchmarks run, on any {@link EventStorageEngine}. */
final class Workloads {

    private static final AtomicLong AGGREGATES = new AtomicLong();

    private Workloads() {
    }

    /**
     * Appends {@code events} events from {@code writers} threads, each on an aggregate of its own, in
     * commits of {@code commitSize} events (one {@code appendEvents} call each, as one unit of work
     * stores them), and answers events stored per second.
     */
    static long append(EventStorageEngine engine, int writers, long events, int commitSize) {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long commitsEach = Math.max(1, events / writers / commitSize);
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String aggregate = "bench-" + AGGREGATES.incrementAndGet();
                work.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    for (long c = 0; c < commitsEach; c++) {
                        engine.appendEvents(TestEvents.commit(aggregate, c * commitSize, commitSize, aggregate));
                    }
                    return null;
                }));
            }
            ready.await();
            long started = System.nanoTime();
            go.countDown();
            for (Future<?> f : work) {
                f.get();
            }
            return BenchReport.rate(commitsEach * commitSize * writers, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Aggregate loads per second of a 5-event aggregate, for at most {@code loads} loads or {@code limit}. */
    static long aggregateLoads(EventStorageEngine engine, String aggregate, int loads, Duration limit) {
        for (int seq = 0; seq < 5; seq++) {
            engine.appendEvents(TestEvents.commit(aggregate, seq, 1, aggregate));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        long started = System.nanoTime();
        int done = 0;
        while (done < loads && System.nanoTime() < deadline) {
            engine.readEvents(aggregate).asStream().forEach(e -> e.getPayload());
            done++;
        }
        return BenchReport.rate(done, started);
    }

    /** What a replay through a tracking processor did. */
    record Replay(long handled, long eventsPerSecond, boolean complete, TrackingToken lastToken) {

        /** The last token as the token store stores it (serialized with the ledger's serializer). */
        int tokenBytes(Serializer serializer) {
            return lastToken == null ? 0 : serializer.serialize(lastToken, byte[].class).getData().length;
        }
    }

    /**
     * Replays the whole store through an Axon {@code TrackingEventProcessor} (single thread, batches
     * of 256, tokens in the ledger's Mongo token store) until {@code expected} events were handled or
     * {@code limit} passed, and answers events handled per second from the processor's start.
     */
    static Replay replayThroughProcessor(BenchStore store, EventStorageEngine engine, String name, long expected,
                                         Duration limit) {
        AtomicLong handled = new AtomicLong();
        AtomicReference<TrackingToken> last = new AtomicReference<>();
        class Counting {
            @EventHandler
            void on(Probed event, TrackingToken token) {
                last.set(token);
                handled.incrementAndGet();
            }
        }
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> LedgerSerializers.jackson())
                .configureEventStore(c -> EmbeddedEventStore.builder().storageEngine(engine).build())
                .eventProcessing(p -> p
                        .registerTokenStore(c -> LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(),
                                "bench", Duration.ofSeconds(10)))
                        .registerTrackingEventProcessor(name, c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(256))
                        .registerEventHandler(c -> new Counting())
                        .assignHandlerInstancesMatching(name, h -> true))
                .buildConfiguration();
        long deadline = System.nanoTime() + limit.toNanos();
        long started = System.nanoTime();
        axon.start();
        try {
            while (handled.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long count = handled.get();
            return new Replay(count, BenchReport.rate(count, started), count >= expected, last.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            axon.shutdown();
        }
    }
}
