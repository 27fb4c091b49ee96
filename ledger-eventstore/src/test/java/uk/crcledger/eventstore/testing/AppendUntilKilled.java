package uk.crcledger.eventstore.testing;

import org.axonframework.eventhandling.DomainEventMessage;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a forked JVM by the crash tests: writers append commits of {@value #COMMIT_SIZE} events as
 * fast as they can and print {@code ACK <commit marker> <position>} for each append the store has
 * acknowledged, until the test kills the process.
 * <p>
 * Arguments: data directory, number of writers, round (to keep commit markers unique).
 */
public final class AppendUntilKilled {

    public static final int COMMIT_SIZE = 3;

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        String round = args[2];
        PrintStream out = new PrintStream(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
        EmbeddedStore store = EmbeddedStore.start(dataDir);
        MongoLedgerStorageEngine engine = store.engine();
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        for (int w = 0; w < writers; w++) {
            String aggregate = "writer-" + w;
            Thread writer = new Thread(() -> {
                long seq = engine.lastSequenceNumberFor(aggregate).map(s -> s + 1).orElse(0L);
                for (int commit = 0; ; commit++) {
                    String marker = aggregate + "/" + round + "/" + commit;
                    List<DomainEventMessage<?>> events = TestEvents.commit(aggregate, seq, COMMIT_SIZE, marker);
                    engine.appendEvents(events);
                    seq += COMMIT_SIZE;
                    synchronized (out) {
                        out.println("ACK " + marker);
                        out.flush();
                    }
                }
            }, "writer-" + w);
            writer.start();
        }
        Thread.currentThread().join();
    }
}
