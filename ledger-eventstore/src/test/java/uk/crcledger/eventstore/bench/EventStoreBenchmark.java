package uk.crcledger.eventstore.bench;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.eventstore.testing.TestEvents.Probed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * The event store's figures on the embedded server: appends per second with 1 and 8 writers at
 * 1k and at {@code bench.events} stored events, aggregate loads at both sizes, and replay rates.
 * Not part of the test suite: {@code mvn -pl ledger-eventstore -am -Pbench test}. Prints a table
 * and writes {@code target/bench/eventstore.json}.
 */
@Tag("bench")
class EventStoreBenchmark {

    private static final int SAMPLE_APPENDS = 2_000;

    @TempDir
    Path dataDir;

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Test
    void measure() throws Exception {
        int size = Integer.getInteger("bench.events", 50_000);
        results.put("storedEventsTarget", size);
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            MongoLedgerStorageEngine engine = store.engine();
            fill(engine, 1_000);
            sample(engine, "at1k");
            fill(engine, size);
            sample(engine, "at" + (size / 1000) + "k");
            long stored = engine.headPosition() - 1;
            results.put("storedEvents", stored);
            results.put("fileBytesPerEvent", store.server().fileSize() / stored);

            long started = System.nanoTime();
            long[] count = {0};
            engine.readEvents(null, false).forEach(e -> {
                e.getPayload();
                count[0]++;
            });
            results.put("engineReadEventsPerSecond", BenchReport.rate(count[0], started));

            results.put("processorReplayEventsPerSecond", replayThroughProcessor(store, stored));
        }
        BenchReport.write("eventstore", results);
    }

    private void sample(MongoLedgerStorageEngine engine, String label) throws Exception {
        results.put("appendsPerSecond1Writer_" + label, append(engine, 1, SAMPLE_APPENDS));
        results.put("appendsPerSecond8Writers_" + label, append(engine, 8, SAMPLE_APPENDS));
        String aggregate = "load-" + label;
        for (int seq = 0; seq < 5; seq++) {
            engine.appendEvents(TestEvents.commit(aggregate, seq, 1, aggregate));
        }
        long started = System.nanoTime();
        int loads = 2_000;
        for (int i = 0; i < loads; i++) {
            engine.readEvents(aggregate).asStream().forEach(e -> e.getPayload());
        }
        results.put("aggregateLoadsPerSecond_" + label, BenchReport.rate(loads, started));
    }

    private void fill(MongoLedgerStorageEngine engine, long target) throws Exception {
        long missing = target - (engine.headPosition() - 1);
        if (missing > 0) {
            append(engine, 8, missing);
        }
    }

    /** Appends single-event commits (about 700 bytes each) from the given number of writers. */
    private long append(MongoLedgerStorageEngine engine, int writers, long appends) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> work = new ArrayList<>();
        long each = appends / writers;
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            String aggregate = "bench-" + sequence.incrementAndGet();
            work.add(pool.submit(() -> {
                for (long seq = 0; seq < each; seq++) {
                    engine.appendEvents(TestEvents.commit(aggregate, seq, 1, aggregate));
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return BenchReport.rate(each * writers, started);
    }

    private long replayThroughProcessor(EmbeddedStore store, long stored) {
        AtomicLong handled = new AtomicLong();
        class Counting {
            @EventHandler
            void on(Probed event) {
                handled.incrementAndGet();
            }
        }
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> LedgerSerializers.jackson())
                .configureEventStore(c -> EmbeddedEventStore.builder().storageEngine(store.engine()).build())
                .eventProcessing(p -> p
                        .registerTokenStore(c -> LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(),
                                "bench", Duration.ofSeconds(10)))
                        .registerTrackingEventProcessor("replay", c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(256))
                        .registerEventHandler(c -> new Counting())
                        .assignHandlerInstancesMatching("replay", h -> true))
                .buildConfiguration();
        long started = System.nanoTime();
        axon.start();
        try {
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> handled.get() >= stored);
            return BenchReport.rate(handled.get(), started);
        } finally {
            axon.shutdown();
        }
    }
}
