package uk.crcledger.eventstore.bench;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.BenchStore;
import uk.crcledger.eventstore.tlog.LogAudit;
import uk.crcledger.eventstore.tlog.LogIntegrator;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.eventstore.tlog.TileStore;
import uk.crcledger.tlog.note.NoteSigner;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transparency log against the store it reads, side by side in one run, growing in steps of 10k,
 * 100k and 1M leaves up to {@code bench.events} (default 100,000): at each step the integrator catches
 * up and {@code bench.clients} (32) threads read verified inclusion proofs from the stored tiles (p50,
 * p99: flat from step to step is the goal); then the integrator's rate over all steps beside the
 * engine's own read of the same events (target: at least 0.5 of it), the audit's rate over the whole
 * ledger, and the bytes the log adds per event (tiles, and the leaf stored in each event). Writes
 * {@code target/bench/tlog.json}.
 */
@Tag("bench")
class TransparencyLogBenchmark {

    @TempDir
    Path dataDir;

    private final Map<String, Object> results = new LinkedHashMap<>();

    @Test
    void measure() throws Exception {
        int size = Integer.getInteger("bench.events", 100_000);
        int clients = Integer.getInteger("bench.clients", 32);
        int proofs = Integer.getInteger("bench.tlog.proofs", 20_000);
        try (BenchStore store = BenchStore.open(dataDir)) {
            results.put("store", store.label());
            results.put("cores", Runtime.getRuntime().availableProcessors());
            results.put("clients", clients);
            results.put("loadAverageAtStart", BenchReport.loadAverage());
            MongoLedgerStorageEngine engine = store.engine();
            NoteSigner signer = NoteSigner.generate("bench.example/tlog");
            TileStore tiles = new TileStore(store.database(), 2_048);
            LogState state = new LogState(store.database());
            LogIntegrator integrator = new LogIntegrator(engine, tiles, state,
                    LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), "bench", Duration.ofSeconds(10)),
                    signer, new LogIntegrator.Settings("bench.example/tlog", Duration.ZERO, 4_096, Duration.ofMillis(50), "bench"),
                    Clock.systemUTC());
            LogReader reader = new LogReader(engine.storedEvents(), tiles, state, "bench");
            long integratedNanos = 0;
            for (int step : steps(size)) {
                Workloads.append(engine, 16, step - (engine.headPosition() - 1), 1);
                long stored = engine.headPosition() - 1;
                long started = System.nanoTime();
                assertThat(integrator.integrateOnce()).isTrue();
                integratedNanos += System.nanoTime() - started;
                assertThat(state.latest().orElseThrow().size()).isEqualTo(stored);
                proofs(reader, engine, step, stored, clients, proofs);
            }
            integrator.close();
            long stored = engine.headPosition() - 1;
            results.put("events", stored);

            // The limit: the engine reading every event (deserialized, as a processor would).
            long started = System.nanoTime();
            long read = 0;
            Iterator<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false).iterator();
            while (events.hasNext()) {
                events.next().getPayload();
                read++;
            }
            long engineRead = BenchReport.rate(read, started);
            long integrated = Math.round(stored / (integratedNanos / 1e9));
            results.put("engineReadEventsPerSecond", engineRead);
            results.put("integratedLeavesPerSecond", integrated);
            results.put("integrationRatioToEngineRead", BenchReport.ratio(integrated, engineRead));
            results.put("integrationRatioTarget", 0.5);

            LogAudit audit = new LogAudit(engine.storedEvents(), tiles, state, "bench", Clock.systemUTC());
            started = System.nanoTime();
            assertThat(audit.checkAll().problem()).isEmpty();
            results.put("auditedEventsPerSecond", BenchReport.rate(stored, started));

            long tileBytes = 0;
            long tileDocuments = 0;
            for (Document tile : store.database().getCollection("tlog_tiles").find()) {
                tileBytes += tile.get("hashes", Binary.class).length();
                tileDocuments++;
            }
            long leafBytes = 0;
            for (StoredEvent event : engine.storedEvents().from(1, (int) Math.min(stored, 10_000), false)) {
                leafBytes += event.leafBytes().length;
            }
            results.put("tileDocuments", tileDocuments);
            results.put("tileHashBytesPerEvent", Math.round(tileBytes * 100.0 / stored) / 100.0);
            results.put("leafBytesPerEvent", leafBytes / Math.min(stored, 10_000));
        }
        results.put("loadAverageAtEnd", BenchReport.loadAverage());
        BenchReport.write("tlog", results);
    }

    /**
     * Inclusion proofs of random leaves in the latest checkpoint, each verified before it is answered
     * (as the API does), by {@code clients} threads at once: the store-level cost of a proof, without
     * the HTTP stack (the app benchmark measures that).
     */
    private void proofs(LogReader reader, MongoLedgerStorageEngine engine, int step, long stored, int clients, int count)
            throws Exception {
        LogState.SignedCheckpoint checkpoint = reader.latest().orElseThrow();
        SplittableRandom random = new SplittableRandom(step);
        List<StoredEvent> sample = engine.storedEvents().at(random.longs(Math.min(count, 4_096), 1, stored + 1).boxed().toList());
        long[] latencies = new long[count];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    StoredEvent event = sample.get(i % sample.size());
                    long t = System.nanoTime();
                    reader.inclusionProof(event.leafBytes(), event.position() - 1, checkpoint);
                    latencies[i] = System.nanoTime() - t;
                }
            }));
        }
        for (java.util.concurrent.Future<?> future : running) {
            future.get();
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        java.util.Arrays.sort(latencies);
        String key = "proofs." + step + ".";
        results.put(key + "perSecond", Math.round(count / (elapsed / 1e9)));
        results.put(key + "p50Ms", Math.round(latencies[count / 2] / 1e4) / 100.0);
        results.put(key + "p99Ms", Math.round(latencies[(int) (count * 0.99)] / 1e4) / 100.0);
        results.put(key + "maxMs", Math.round(latencies[count - 1] / 1e4) / 100.0);
    }

    private static List<Integer> steps(int size) {
        List<Integer> steps = new java.util.ArrayList<>();
        for (int step : new int[] {10_000, 100_000, 1_000_000}) {
            if (step < size) {
                steps.add(step);
            }
        }
        steps.add(size);
        return steps;
    }
}
