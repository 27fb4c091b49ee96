package uk.crcledger.bench;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;
import uk.crcledger.timeline.LedgerReadModel;
import uk.crcledger.timeline.TimelineFilter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;

/**
 * The read model's figures on the embedded server: full replay of {@code bench.events} events (default
 * 100k) into the timelines, and timeline queries, live and as-of, on a CRC with {@code bench.busy}
 * entries (default 5,000). Run: {@code mvn -B -pl ledger-projections -am -Pbench test}; prints a table
 * and writes {@code target/bench/projections.json}.
 */
@Tag("bench")
class ProjectionBenchmark {

    /** The raw scan's sample (see {@code RawLimits.scan}): the whole ledger up to 200k events. */
    private static final int RAW_SCAN_DOCUMENTS = 200_000;

    @TempDir
    Path dataDir;

    @Test
    void measure() throws Exception {
        int size = Integer.getInteger("bench.events", 100_000);
        int busy = Integer.getInteger("bench.busy", 5_000);
        int segments = Integer.getInteger("bench.segments", 1);
        int batch = Integer.getInteger("bench.batch", 5_000);
        Map<String, Object> results = new LinkedHashMap<>();
        try (EmbeddedStore store = EmbeddedStore.start(dataDir, EntryKinds.detailsTypes())) {
            List<DomainEventMessage<?>> events = LedgerGenerator.generate(size, busy);
            long started = System.nanoTime();
            append(store, events);
            results.put("events", events.size());
            results.put("appendEventsPerSecond", BenchReport.rate(events.size(), started));

            // The limit a replay is measured against: a raw cursor scan of the stored commits, decoding
            // every document (the better of two, before and after the replay).
            long rawScan = uk.crcledger.eventstore.testing.RawLimits.scanRate(store.database().getCollection("events"),
                    "events", RAW_SCAN_DOCUMENTS);

            LedgerReadModel readModel = new LedgerReadModel(new uk.crcledger.projection.ReadModelStore(store.database()), store.engine());
            Configuration axon = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> LedgerSerializers.jackson(EntryKinds.detailsTypes()))
                    .configureEmbeddedEventStore(c -> store.engine())
                    .eventProcessing(p -> {
                        p.registerTokenStore(c -> LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(),
                                "bench", Duration.ofSeconds(10)));
                        readModel.registerProcessor(p, segments, batch);
                    })
                    .buildConfiguration();
            long head = store.engine().headPosition() - 1;
            started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            axon.start();
            StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                    .eventProcessor(LedgerReadModel.PROCESSOR, StreamingEventProcessor.class).orElseThrow();
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    processor.processingStatus().size() == segments && processor.processingStatus().values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(0) >= head));
            results.put("replaySegments", segments);
            results.put("replayEventsPerSecond", BenchReport.rate(head, started));
            // CPU time, which a busy machine distorts less than wall time: what the replay costs.
            results.put("replayCpuMicrosPerEvent", (processCpuNanos() - cpuStarted) / 1_000 / head);
            rawScan = Math.max(rawScan, uk.crcledger.eventstore.testing.RawLimits.scanRate(
                    store.database().getCollection("events"), "events", RAW_SCAN_DOCUMENTS));
            results.put("rawScanEventsPerSecond", rawScan);
            results.put("replayRatioToRawScan", BenchReport.ratio(
                    ((Number) results.get("replayEventsPerSecond")).longValue(), rawScan));
            results.put("replaySeconds", Math.round(head * 10.0
                    / Math.max(1, ((Number) results.get("replayEventsPerSecond")).longValue())) / 10.0);
            axon.shutdown();

            TimelineFilter firstPage = new TimelineFilter(Set.of(), null, null, null, 0, 50);
            int busyItems = readModel.live().crcTimeline(LedgerGenerator.BUSY_CRC, TimelineFilter.all())
                    .orElseThrow().total();
            results.put("busyCrcEntries", busyItems);
            // Computed from the stored documents each time, as on the first read after a change...
            uk.crcledger.projection.MongoModel stored = new uk.crcledger.projection.ReadModelStore(store.database())
                    .model(readModel.versions().state().active());
            results.put("liveTimelineUncachedMillis", millis(() -> new uk.crcledger.timeline.TimelineQueries(stored, null)
                    .crcTimeline(LedgerGenerator.BUSY_CRC, firstPage).orElseThrow(), 20));
            // ...and as readers get it while the read model has not moved (the answer cache).
            results.put("liveTimelineMillis", millis(() -> readModel.live().crcTimeline(LedgerGenerator.BUSY_CRC,
                    firstPage).orElseThrow(), 20));
            Instant now = Instant.now();
            // As of an instant, from the stored documents each time: the same reads, another selection.
            results.put("asOfTimelineUncachedMillis", millis(() -> new uk.crcledger.timeline.TimelineQueries(stored,
                    now.minusSeconds(1)).crcTimeline(LedgerGenerator.BUSY_CRC, firstPage).orElseThrow(), 20));
            results.put("asOfTimelineMillis", millis(() -> readModel.asOf(now).crcTimeline(LedgerGenerator.BUSY_CRC,
                    firstPage).orElseThrow(), 5));
            // A new instant each time: no answer to reuse, only the selection over the parsed versions.
            java.util.concurrent.atomic.AtomicLong instant = new java.util.concurrent.atomic.AtomicLong();
            results.put("asOfAnyInstantTimelineMillis", millis(() -> readModel.asOf(now.minusMillis(
                    instant.incrementAndGet())).crcTimeline(LedgerGenerator.BUSY_CRC, firstPage).orElseThrow(), 200));
            results.put("fileBytesPerEvent", store.server().fileSize() / events.size());
        }
        BenchReport.write("projections", results);
    }

    /** Appends from 8 writers, each aggregate always on the same writer so its events stay in order. */
    private static void append(EmbeddedStore store, List<DomainEventMessage<?>> events) throws Exception {
        int writers = 8;
        List<List<DomainEventMessage<?>>> lanes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            lanes.add(new ArrayList<>());
        }
        for (DomainEventMessage<?> event : events) {
            lanes.get(Math.floorMod(event.getAggregateIdentifier().hashCode(), writers)).add(event);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> work = new ArrayList<>();
        for (List<DomainEventMessage<?>> lane : lanes) {
            work.add(pool.submit(() -> lane.forEach(e -> store.engine().appendEvents(List.of(e)))));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double millis(Runnable query, int times) {
        query.run();
        long started = System.nanoTime();
        for (int i = 0; i < times; i++) {
            query.run();
        }
        return Math.round((System.nanoTime() - started) / 1e6 / times * 10) / 10.0;
    }
}
