package uk.crcledger.eventstore.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.BenchStore;
import uk.crcledger.eventstore.testing.RawLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The event store against the limits of the server it runs on, measured side by side in one run:
 * <ul>
 *   <li>ingest: single-event commits appended through our engine by 1 and 8 writers, beside the
 *       raw driver inserting equivalent documents ({@link RawLimits#insertRate}) at the same
 *       concurrency; at 1k stored events and at {@code bench.events}; each measured twice,
 *       interleaved, the better run counting;</li>
 *   <li>replay: the whole ledger read through the engine and through a tracking processor,
 *       beside a raw cursor scan of the commits collection decoding every document
 *       ({@link RawLimits#scan});</li>
 *   <li>aggregate loads at both sizes, and bytes stored per event.</li>
 * </ul>
 * Targets: ingest at least 0.6 of the raw insert rate, replay at least 0.5 of the raw scan.
 * On the embedded server by default, on {@code -Dbench.mongodb.uri=...} if given
 * ({@link BenchStore}). {@code -Dbench.events=N} (default 100,000) sets the size. Samples are
 * {@code bench.sample} (default 1,000) single-event commits; between them the store is filled by
 * {@code bench.fill.writers} writers (default 16, so the group commit stores many commits per
 * insert) in commits of {@code bench.fill.commitEvents} events (default 1, the ledger's shape:
 * one command records one entry). More events per commit fill faster (the embedded server's cost
 * is per document) but flatter the raw scan, which decodes one document per commit while the
 * engine still asks for every position. The engine read and the processor replay stop after
 * {@code bench.replaySeconds} (default 90) if not done; their rates are then over the events read
 * so far. Not part of the test suite:
 * {@code mvn -pl ledger-eventstore -am -Pbench test}. Prints a table and writes
 * {@code target/bench/eventstore.json}.
 */
@Tag("bench")
class EventStoreBenchmark {

    @TempDir
    Path dataDir;

    private final Map<String, Object> results = new LinkedHashMap<>();

    @Test
    void measure() throws Exception {
        int size = Integer.getInteger("bench.events", 100_000);
        int sample = Integer.getInteger("bench.sample", 1_000);
        int fillWriters = Integer.getInteger("bench.fill.writers", 16);
        int fillCommitEvents = Integer.getInteger("bench.fill.commitEvents", 1);
        Duration replayLimit = Duration.ofSeconds(Integer.getInteger("bench.replaySeconds", 90));
        long benchStarted = System.nanoTime();
        try (BenchStore store = BenchStore.open(dataDir)) {
            results.put("store", store.label());
            results.put("cores", Runtime.getRuntime().availableProcessors());
            results.put("storedEventsTarget", size);
            results.put("sampleAppends", sample);
            results.put("loadAverageAtStart", BenchReport.loadAverage());
            MongoLedgerStorageEngine engine = store.engine();

            // Warm both paths up (JIT, connection pools) before the first sample.
            RawLimits.insertRate(store.database(), 8, 400);
            fill(engine, 1_000, 8, 1);
            sample(store, sample, "at1k");
            long fillStarted = System.nanoTime();
            long before = engine.headPosition() - 1;
            fill(engine, size, fillWriters, fillCommitEvents);
            results.put("fillWriters", fillWriters);
            results.put("fillCommitEvents", fillCommitEvents);
            results.put("fillEventsPerSecond", BenchReport.rate(engine.headPosition() - 1 - before, fillStarted));
            String atSize = "at" + (size / 1000) + "k";
            sample(store, sample, atSize);

            long stored = engine.headPosition() - 1;
            MongoCollection<Document> commits = store.database().getCollection("events");
            results.put("storedEvents", stored);
            results.put("storedCommits", commits.estimatedDocumentCount());
            OptionalLong bytes = store.storedBytes();
            results.put(store.embedded() ? "fileBytesPerEvent" : "storedBytesPerEvent",
                    bytes.isPresent() ? bytes.getAsLong() / stored : null);
            results.put("commitDocumentBytes", RawLimits.bsonSize(commits.find(Filters.eq("_id", 1L)).first()));
            results.put("rawDocumentBytes", RawLimits.bsonSize(RawLimits.commitLikeDocument(1)));

            RawLimits.Scan scanBefore = RawLimits.scan(commits, "events");
            long deadline = System.nanoTime() + replayLimit.toNanos();
            long started = System.nanoTime();
            long read = 0;
            Iterator<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false).iterator();
            while (events.hasNext() && (read % 1024 != 0 || System.nanoTime() < deadline)) {
                events.next().getPayload();
                read++;
            }
            long engineRead = BenchReport.rate(read, started);
            Workloads.Replay replay = Workloads.replayThroughProcessor(store, engine, "replay", stored, replayLimit);
            RawLimits.Scan scanAfter = RawLimits.scan(commits, "events");
            // The better of two scans (one before, one after our reads) is the limit.
            long rawScan = Math.max(scanBefore.eventsPerSecond(), scanAfter.eventsPerSecond());
            results.put("rawScanEventsPerSecond", rawScan);
            results.put("rawScanDocumentsPerSecond",
                    Math.max(scanBefore.documentsPerSecond(), scanAfter.documentsPerSecond()));
            results.put("rawScanEvents", scanAfter.events());
            results.put("engineReadEventsPerSecond", engineRead);
            results.put("engineReadEvents", read);
            results.put("engineReadRatioToRawScan", BenchReport.ratio(engineRead, rawScan));
            results.put("processorReplayEventsPerSecond", replay.eventsPerSecond());
            results.put("processorReplayEvents", replay.handled());
            results.put("processorReplayComplete", replay.complete());
            results.put("replayRatioToRawScan", BenchReport.ratio(replay.eventsPerSecond(), rawScan));
            results.put("ourTokenBytes", replay.tokenBytes(LedgerSerializers.jackson()));
            results.put("replayRatioTarget", 0.5);
            results.put("ingestRatioTarget", 0.6);
        }
        results.put("loadAverageAtEnd", BenchReport.loadAverage());
        results.put("benchmarkSeconds", Math.round((System.nanoTime() - benchStarted) / 1e9));
        BenchReport.write("eventstore", results);
    }

    /**
     * Ingest with 1 and 8 writers, ours and raw, each twice in the order raw, ours, ours, raw so
     * both see the same machine (a shared one is noisy); the better of each pair counts. Then
     * aggregate loads.
     */
    private void sample(BenchStore store, int appends, String label) {
        MongoLedgerStorageEngine engine = store.engine();
        for (int writers : new int[] {1, 8}) {
            long raw = RawLimits.insertRate(store.database(), writers, appends);
            long ours = Workloads.append(engine, writers, appends, 1);
            ours = Math.max(ours, Workloads.append(engine, writers, appends, 1));
            raw = Math.max(raw, RawLimits.insertRate(store.database(), writers, appends));
            String suffix = (writers == 1 ? "1Writer_" : writers + "Writers_") + label;
            results.put("appendsPerSecond" + suffix, ours);
            results.put("rawInsertsPerSecond" + suffix, raw);
            results.put("ingestRatio" + suffix, BenchReport.ratio(ours, raw));
        }
        results.put("aggregateLoadsPerSecond_" + label,
                Workloads.aggregateLoads(engine, "load-" + label, 2_000, Duration.ofSeconds(20)));
    }

    private static void fill(MongoLedgerStorageEngine engine, long target, int writers, int commitEvents) {
        long missing = target - (engine.headPosition() - 1);
        if (missing > 0) {
            Workloads.append(engine, writers, missing, commitEvents);
        }
    }
}
