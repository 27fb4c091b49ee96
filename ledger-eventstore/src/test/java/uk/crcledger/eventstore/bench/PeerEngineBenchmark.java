package uk.crcledger.eventstore.bench;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.BenchStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Our engine against the Axon Mongo extension's {@link MongoEventStorageEngine} (axon-mongo, its
 * default document-per-event strategy, no transaction manager) on the same server, with the same
 * events and the same serializer, at {@code bench.peer.events} events each (default
 * {@code min(bench.events, 20000)}: the peer's tracking query is a range query with a sort, which
 * the embedded server answers by scanning its whole collection for every batch):
 * <ul>
 *   <li>ingest, after a short warm-up of both: single-event commits from 1 writer
 *       ({@code bench.sample} events twice each: ours, peer, peer, ours, the better run
 *       counting), then from 8 writers up to the size (the burst; the peer then ours);</li>
 *   <li>replay of the whole store through a TrackingEventProcessor (batches of 256 for both, the
 *       peer's engine batch size too, {@code bench.peer.batchSize}); the peer's replay stops after
 *       {@code bench.peer.replaySeconds} (default 45) if not done, and its rate is then over the
 *       events handled so far ({@code peerReplayComplete} says which);</li>
 *   <li>the serialized size of the last token of that replay (what the token store stores after
 *       the 8-writer burst): ours a {@code GlobalSequenceTrackingToken}, the peer's a
 *       {@link MongoTrackingToken} (a timestamp and every event id of the last second);</li>
 *   <li>aggregate loads of a 5-event aggregate.</li>
 * </ul>
 * Ratios are ours / peer. If the peer fails, the JSON says why ({@code peerError}) instead of the
 * benchmark failing. Writes {@code target/bench/peer-engine.json}.
 */
@Tag("bench")
class PeerEngineBenchmark {

    private static final String PEER_EVENTS = "peer_domainevents";
    private static final String PEER_SNAPSHOTS = "peer_snapshotevents";

    @TempDir
    Path dataDir;

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Serializer serializer = LedgerSerializers.jackson();

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        int size = Integer.getInteger("bench.peer.events", Math.min(events, 20_000));
        int sample = Math.min(Integer.getInteger("bench.sample", 1_000), size / 8);
        int warmUp = Math.min(800, size / 10);
        int batchSize = Integer.getInteger("bench.peer.batchSize", 256);
        Duration replayLimit = Duration.ofSeconds(Integer.getInteger("bench.peer.replaySeconds", 45));
        long benchStarted = System.nanoTime();
        try (BenchStore store = BenchStore.open(dataDir)) {
            results.put("store", store.label());
            results.put("cores", Runtime.getRuntime().availableProcessors());
            results.put("loadAverageAtStart", BenchReport.loadAverage());
            results.put("peerEngine", MongoEventStorageEngine.class.getName());
            results.put("eventsEach", size);
            results.put("sampleAppends1Writer", sample);
            results.put("batchSize", batchSize);

            MongoLedgerStorageEngine ours = store.engine();
            MongoEventStorageEngine peer = null;
            try {
                peer = MongoEventStorageEngine.builder()
                        .mongoTemplate(DefaultMongoTemplate.builder()
                                .mongoDatabase(store.database())
                                .domainEventsCollectionName(PEER_EVENTS)
                                .snapshotEventsCollectionName(PEER_SNAPSHOTS)
                                .build())
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .batchSize(batchSize)
                        .build();
                Workloads.append(peer, 8, warmUp / 2, 1);
                Workloads.append(peer, 1, warmUp / 2, 1);
            } catch (RuntimeException | AssertionError e) {
                peerFailure = firstLine(e);
            }
            Workloads.append(ours, 8, warmUp / 2, 1);
            Workloads.append(ours, 1, warmUp / 2, 1);

            // Ingest, interleaved (ours, peer, peer, ours; the better of each pair counts), then the
            // burst. Once the peer fails, its steps answer null.
            long ours1 = Workloads.append(ours, 1, sample, 1);
            Long peer1 = peerStep(peer, p -> Workloads.append(p, 1, sample, 1));
            Long peer1Again = peerStep(peer, p -> Workloads.append(p, 1, sample, 1));
            ours1 = Math.max(ours1, Workloads.append(ours, 1, sample, 1));
            peer1 = peer1 == null || peer1Again == null ? null : Math.max(peer1, peer1Again);
            results.put("oursAppendsPerSecond1Writer", ours1);
            results.put("peerAppendsPerSecond1Writer", peer1);
            long burst = size - 2L * sample - warmUp;
            Long peer8 = peerStep(peer, p -> Workloads.append(p, 8, burst, 1));
            long ours8 = Workloads.append(ours, 8, burst, 1);
            results.put("oursAppendsPerSecond8Writers", ours8);
            results.put("peerAppendsPerSecond8Writers", peer8);

            Workloads.Replay oursReplay = replay(store, ours, "ours", ours.headPosition() - 1, Duration.ofMinutes(10));
            Workloads.Replay peerReplay = peerStep(peer, p -> replay(store, p, "peer",
                    store.database().getCollection(PEER_EVENTS).estimatedDocumentCount(), replayLimit));

            long oursLoads = Workloads.aggregateLoads(ours, "load-ours", 1_000, Duration.ofSeconds(5));
            Long peerLoads = peerStep(peer, p -> Workloads.aggregateLoads(p, "load-peer", 1_000,
                    Duration.ofSeconds(5)));
            results.put("oursAggregateLoadsPerSecond", oursLoads);
            results.put("peerAggregateLoadsPerSecond", peerLoads);

            results.put("peerWorks", peerFailure == null);
            if (peerFailure != null) {
                results.put("peerError", peerFailure);
            }
            results.put("ingestRatio1Writer_oursToPeer", ratio(ours1, peer1));
            results.put("ingestRatio8Writers_oursToPeer", ratio(ours8, peer8));
            results.put("replayRatio_oursToPeer", ratio(oursReplay.eventsPerSecond(),
                    peerReplay == null ? null : peerReplay.eventsPerSecond()));
            results.put("aggregateLoadRatio_oursToPeer", ratio(oursLoads, peerLoads));
            results.put("tokenBytesRatio_oursToPeer", ratio(oursReplay.tokenBytes(serializer),
                    peerReplay == null ? null : (long) peerReplay.tokenBytes(serializer)));
        }
        results.put("loadAverageAtEnd", BenchReport.loadAverage());
        results.put("benchmarkSeconds", Math.round((System.nanoTime() - benchStarted) / 1e9));
        BenchReport.write("peer-engine", results);
    }

    /** Why the peer could not be measured, if it could not. */
    private String peerFailure;

    /**
     * Runs one step of the peer's measurement; once the peer has failed, remembers why and answers
     * null for this and every later step instead of failing the benchmark.
     */
    private <T> T peerStep(MongoEventStorageEngine peer, Function<MongoEventStorageEngine, T> step) {
        if (peer == null || peerFailure != null) {
            return null;
        }
        try {
            return step.apply(peer);
        } catch (RuntimeException | AssertionError e) {
            peerFailure = firstLine(e);
            return null;
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e == root ? e.toString() : e + " (cause: " + root + ")";
        return text.lines().findFirst().orElse(text);
    }

    private static Object ratio(long ours, Long peer) {
        return peer == null ? null : BenchReport.ratio(ours, peer);
    }

    private Workloads.Replay replay(BenchStore store, EventStorageEngine engine, String name, long expected,
                                    Duration limit) {
        Workloads.Replay replay = Workloads.replayThroughProcessor(store, engine, "replay-" + name, expected, limit);
        results.put(name + "ReplayEventsPerSecond", replay.eventsPerSecond());
        results.put(name + "ReplayEventsHandled", replay.handled());
        results.put(name + "ReplayComplete", replay.complete());
        TrackingToken token = replay.lastToken();
        results.put(name + "TokenType", token == null ? "none" : token.getClass().getSimpleName());
        results.put(name + "TokenBytes", replay.tokenBytes(serializer));
        if (token instanceof MongoTrackingToken mongo) {
            results.put(name + "TokenTrackedEventIds", mongo.getTrackedEvents().size());
        }
        return replay;
    }
}
