package uk.crcledger.eventstore.tlog;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.IntegrateUntilKilled;
import uk.crcledger.tlog.merkle.CompactRange;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleProofs;
import uk.crcledger.tlog.merkle.MerkleVerifier;
import uk.crcledger.tlog.merkle.Tiles;
import uk.crcledger.tlog.note.NoteSigner;
import uk.crcledger.tlog.note.SignedNote;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the integrating instance while writers append and checkpoints are signed: after each
 * restart the integrator resumes from what it stored, every checkpoint ever signed is consistent with
 * the one before, and the latest covers exactly the stored leaves.
 */
class LogCrashIntegrationTest {

    private static final NoteSigner SIGNER = NoteSigner.generate("crash.test/tlog");
    private static final int ROUNDS = 3;

    @TempDir
    Path dataDir;

    @Test
    void checkpointsStayConsistentAcrossKillsOfTheIntegratingInstance() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            integrateUntilKilled(round, 5 + round * 3);
        }
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            LogState state = new LogState(store.database());
            TileStore tiles = new TileStore(store.database(), 64);
            try (LogIntegrator integrator = new LogIntegrator(store.engine(), tiles, state,
                    LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), "forked", Duration.ofSeconds(10)),
                    SIGNER, new LogIntegrator.Settings(SIGNER.name(), Duration.ZERO, 64, Duration.ofMillis(20), "forked"),
                    Clock.systemUTC())) {
                assertThat(integrator.integrateOnce()).isTrue();
            }
            assertThat(state.alarm()).isEmpty();

            List<Document> checkpoints = store.database().getCollection(LogState.CHECKPOINTS).find()
                    .sort(new Document("_id", 1)).into(new ArrayList<>());
            assertThat(checkpoints).hasSizeGreaterThan(ROUNDS);
            long head = store.engine().headPosition() - 1;
            LogReader reader = new LogReader(store.engine().storedEvents(), tiles, state, "test");
            Document previous = null;
            for (Document checkpoint : checkpoints) {
                assertThat(SignedNote.parse(checkpoint.getString("note")).verify(SIGNER.verifierKey())).isTrue();
                if (previous != null) {
                    long from = previous.getLong("size");
                    long to = checkpoint.getLong("size");
                    byte[] toRoot = checkpoint.get("root", Binary.class).getData();
                    List<byte[]> proof = MerkleProofs.consistency(from, to, Tiles.nodeReader(to, tiles));
                    MerkleVerifier.verifyConsistency(from, to, proof, previous.get("root", Binary.class).getData(), toRoot);
                }
                previous = checkpoint;
            }
            assertThat(previous.getLong("size")).isEqualTo(head);

            CompactRange tree = new CompactRange();
            for (StoredEvent event : store.engine().storedEvents().from(1, (int) head + 1, false)) {
                tree.append(MerkleHash.leaf(event.leafBytes()), (h, i, x) -> { });
            }
            assertThat(tree.size()).isEqualTo(head);
            assertThat(tree.root()).isEqualTo(previous.get("root", Binary.class).getData());
            assertThat(new LogAudit(store.engine().storedEvents(), tiles, state, "test", Clock.systemUTC())
                    .checkAll().problem()).isEmpty();
            assertThat(reader.latest().orElseThrow().size()).isEqualTo(head);
        }
    }

    private void integrateUntilKilled(int round, int checkpointsBeforeKill) throws Exception {
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                IntegrateUntilKilled.class.getName(), dataDir.toString(), "4", "r" + round, SIGNER.encoded())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CountDownLatch enough = new CountDownLatch(checkpointsBeforeKill);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("CHECKPOINT ") && !line.endsWith(" -1")) {
                        enough.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // Killed: its output ends here.
            }
        });
        reader.start();
        try {
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("the forked instance signed checkpoints").isTrue();
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        assertThat(process.exitValue()).isEqualTo(137);
    }
}
