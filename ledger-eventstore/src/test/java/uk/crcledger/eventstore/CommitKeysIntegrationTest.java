package uk.crcledger.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A commit claims its key ({@link CommitKey}) with the insert that stores its events: one durable write, and a key is
 * claimed exactly when the events are stored.
 */
class CommitKeysIntegrationTest {

    /** What a command gets when the key is taken: the domain's own exception in the app. */
    static final class Taken extends RuntimeException {
        Taken(CommitKey key) {
            super("entry " + key.value() + " already exists");
        }
    }

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private MongoLedgerStorageEngine engine;

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dataDir);
        engine = keyedEngine();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
    }

    /** Probes whose commit marker starts with "entry-" claim it as their key, of the kind "PROBE". */
    private MongoLedgerStorageEngine keyedEngine() {
        return MongoLedgerStorageEngine.builder()
                .database(store.database())
                .eventSerializer(LedgerSerializers.jackson(java.util.Map.of()))
                .snapshotSerializer(LedgerSerializers.jackson(java.util.Map.of()))
                .commitKeys(CommitKeysIntegrationTest::keyOf, Taken::new)
                .build();
    }

    private static Optional<CommitKey> keyOf(EventMessage<?> event) {
        return event.getPayload() instanceof Probed probed && probed.commit().startsWith("entry-")
                && probed.index() == 0 ? Optional.of(new CommitKey(probed.commit(), "PROBE")) : Optional.empty();
    }

    @Test
    void findsTheCommitThatClaimedAKey() {
        engine.appendEvents(TestEvents.commit("crc-a", 0, 1, "registered"));
        engine.appendEvents(TestEvents.commit("crc-a", 1, 1, "entry-award"));

        assertThat(engine.claimOf("entry-award"))
                .contains(new CommitKey.Claim(2, "crc-a", "PROBE"));
        assertThat(engine.claimOf("entry-unknown")).isEmpty();
        assertThat(engine.claimOf("registered")).isEmpty();
    }

    @Test
    void refusesASecondCommitClaimingAKeyAndStoresNothingOfIt() {
        engine.appendEvents(TestEvents.commit("crc-a", 0, 1, "entry-award"));
        long head = engine.headPosition();

        // In another aggregate's stream: only the key can tell that the entry is recorded already.
        assertThatThrownBy(() -> engine.appendEvents(TestEvents.commit("crc-b", 0, 1, "entry-award")))
                .isInstanceOf(Taken.class)
                .hasMessage("entry entry-award already exists");
        // A new aggregate of its own whose id is the key: the key, not the stream, names the problem.
        assertThatThrownBy(() -> engine.appendEvents(TestEvents.commit("entry-award", 0, 1, "entry-award")))
                .isInstanceOf(Taken.class);

        assertThat(engine.headPosition()).isEqualTo(head);
        assertThat(engine.readEvents("crc-b").asStream()).isEmpty();
        assertThat(engine.claimOf("entry-award")).map(CommitKey.Claim::aggregateIdentifier).contains("crc-a");
        // The stream whose commit was refused is not burnt: its first commit can still be stored.
        engine.appendEvents(TestEvents.commit("crc-b", 0, 1, "entry-other"));
        assertThat(engine.claimOf("entry-other")).map(CommitKey.Claim::position).contains(head);
    }

    @Test
    void keepsTheStreamConflictForCommitsWithoutAKeyClash() {
        engine.appendEvents(TestEvents.commit("x", 0, 1, "entry-x"));

        assertThatThrownBy(() -> engine.appendEvents(TestEvents.commit("x", 0, 1, "entry-y")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.claimOf("entry-y")).isEmpty();
    }

    @Test
    void storesExactlyOneOfConcurrentRecordingsOfOneKeyAcrossTwoInstances() throws Exception {
        try (MongoLedgerStorageEngine other = keyedEngine()) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 20; round++) {
                    String key = "entry-" + round;
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> attempts = new ArrayList<>();
                    for (int writer = 0; writer < 8; writer++) {
                        MongoLedgerStorageEngine target = writer % 2 == 0 ? engine : other;
                        String aggregate = "w" + writer + "-r" + round;
                        attempts.add(threads.submit(() -> {
                            go.await();
                            try {
                                target.appendEvents(TestEvents.commit(aggregate, 0, 1, key));
                                return true;
                            } catch (Taken e) {
                                return false;
                            }
                        }));
                    }
                    go.countDown();
                    int stored = 0;
                    for (Future<Boolean> attempt : attempts) {
                        stored += attempt.get() ? 1 : 0;
                    }
                    assertThat(stored).as("recordings of " + key + " stored").isEqualTo(1);
                }
            } finally {
                threads.shutdownNow();
            }
        }
        // The refused commits left no gap: positions 1..20, one per key.
        assertThat(engine.headPosition()).isEqualTo(21);
        for (int round = 0; round < 20; round++) {
            assertThat(engine.claimOf("entry-" + round)).isPresent();
        }
    }

    @Test
    void refusesAUnitOfWorkClaimingTwoKeys() {
        List<DomainEventMessage<?>> two = new ArrayList<>(TestEvents.commit("crc-a", 0, 1, "entry-one"));
        two.addAll(TestEvents.commit("crc-a", 1, 1, "entry-two"));

        assertThatThrownBy(() -> engine.appendEvents(two))
                .hasMessageContaining("may claim one key");
        assertThat(engine.headPosition()).isEqualTo(1);
    }
}
