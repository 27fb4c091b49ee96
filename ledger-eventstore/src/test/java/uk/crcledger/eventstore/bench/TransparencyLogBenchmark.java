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
 * The transparency log against the store it reads, side by side in one run: the integrator's rate
 * (leaves integrated, tiles and tree stored, checkpoint signed) beside the engine's own read of the
 * same events (target: at least 0.5 of it); the audit's rate over the whole ledger; inclusion proofs
 * read from the stored tiles by one thread; and the bytes the log adds per event (tiles, and the
 * leaf stored in each event). {@code -Dbench.events=N} (default 100,000). Writes
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
        try (BenchStore store = BenchStore.open(dataDir)) {
            results.put("store", store.label());
            results.put("cores", Runtime.getRuntime().availableProcessors());
            results.put("loadAverageAtStart", BenchReport.loadAverage());
            MongoLedgerStorageEngine engine = store.engine();
            Workloads.append(engine, 16, size, 1);
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

            NoteSigner signer = NoteSigner.generate("bench.example/tlog");
            TileStore tiles = new TileStore(store.database(), 2_048);
            LogState state = new LogState(store.database());
            LogIntegrator integrator = new LogIntegrator(engine, tiles, state,
                    LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), "bench", Duration.ofSeconds(10)),
                    signer, new LogIntegrator.Settings("bench.example/tlog", Duration.ZERO, 4_096, Duration.ofMillis(50), "bench"),
                    Clock.systemUTC());
            started = System.nanoTime();
            assertThat(integrator.integrateOnce()).isTrue();
            long integrated = BenchReport.rate(stored, started);
            integrator.close();
            assertThat(state.latest().orElseThrow().size()).isEqualTo(stored);
            results.put("engineReadEventsPerSecond", engineRead);
            results.put("integratedLeavesPerSecond", integrated);
            results.put("integrationRatioToEngineRead", BenchReport.ratio(integrated, engineRead));
            results.put("integrationRatioTarget", 0.5);

            LogAudit audit = new LogAudit(engine.storedEvents(), tiles, state, "bench", Clock.systemUTC());
            started = System.nanoTime();
            assertThat(audit.checkAll().problem()).isEmpty();
            results.put("auditedEventsPerSecond", BenchReport.rate(stored, started));

            LogReader reader = new LogReader(engine.storedEvents(), tiles, state, "bench");
            LogState.SignedCheckpoint checkpoint = reader.latest().orElseThrow();
            SplittableRandom random = new SplittableRandom(1);
            int proofs = 2_000;
            List<StoredEvent> sample = engine.storedEvents().at(random.longs(proofs, 1, stored + 1).boxed().toList());
            started = System.nanoTime();
            for (StoredEvent event : sample) {
                reader.inclusionProof(event.leafBytes(), event.position() - 1, checkpoint);
            }
            results.put("verifiedProofsPerSecondOneThread", BenchReport.rate(sample.size(), started));

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
}
