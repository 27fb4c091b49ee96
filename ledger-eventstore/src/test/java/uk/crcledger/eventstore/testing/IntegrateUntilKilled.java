package uk.crcledger.eventstore.testing;

import org.axonframework.eventhandling.DomainEventMessage;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.tlog.LogIntegrator;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.eventstore.tlog.TileStore;
import uk.crcledger.tlog.note.NoteSigner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Run in a forked JVM by the log's crash test: writers append while the transparency log's
 * integrator integrates and signs; prints {@code CHECKPOINT <size>} for each checkpoint it sees
 * signed, until the test kills the process.
 * <p>
 * Arguments: data directory, number of writers, round, signing key (signed-note form).
 */
public final class IntegrateUntilKilled {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        String round = args[2];
        NoteSigner signer = NoteSigner.parse(args[3]);
        PrintStream out = new PrintStream(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
        EmbeddedStore store = EmbeddedStore.start(dataDir);
        MongoLedgerStorageEngine engine = store.engine();
        LogState state = new LogState(store.database());
        LogIntegrator integrator = new LogIntegrator(engine, new TileStore(store.database(), 64), state,
                LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), "forked", Duration.ofSeconds(10)),
                signer, new LogIntegrator.Settings(signer.name(), Duration.ofMillis(20), 64, Duration.ofMillis(20), "forked"),
                Clock.systemUTC());
        integrator.start();
        for (int w = 0; w < writers; w++) {
            String aggregate = "writer-" + w;
            Thread writer = new Thread(() -> {
                long seq = engine.lastSequenceNumberFor(aggregate).map(s -> s + 1).orElse(0L);
                for (int commit = 0; ; commit++) {
                    List<DomainEventMessage<?>> events = TestEvents.commit(aggregate, seq, 2, aggregate + "/" + round + "/" + commit);
                    engine.appendEvents(events);
                    seq += 2;
                }
            }, "writer-" + w);
            writer.setDaemon(true);
            writer.start();
        }
        long lastSeen = -1;
        while (true) {
            long size = state.latest().map(LogState.SignedCheckpoint::size).orElse(-1L);
            if (size != lastSeen) {
                lastSeen = size;
                out.println("CHECKPOINT " + size);
                out.flush();
            }
            Thread.sleep(5);
        }
    }
}
