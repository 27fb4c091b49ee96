package uk.crcledger.eventstore.tlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.tlog.leaf.LedgerLeaf;
import uk.crcledger.tlog.merkle.CompactRange;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleProofs;
import uk.crcledger.tlog.merkle.MerkleVerifier;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.NoteSigner;
import uk.crcledger.tlog.note.SignedNote;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log kept on the embedded server over a real driver connection: leaves fixed at append, the
 * tree integrated and signed, proofs that verify, a resumed integrator after a restart, one
 * integrator among two instances, and tampering found at the position where it happened.
 */
class TransparencyLogIntegrationTest {

    private static final String ORIGIN = "ledger.test/tlog";
    private static final NoteSigner SIGNER = NoteSigner.generate(ORIGIN);

    @TempDir
    Path dataDir;

    /** One instance's view of the log: its integrator, reader and audit on a shared database. */
    private record Instance(LogIntegrator integrator, LogReader reader, LogAudit audit, LogState state) implements AutoCloseable {
        static Instance on(EmbeddedStore store, MongoLedgerStorageEngine engine, String name) {
            TokenStore tokens = LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), name, Duration.ofSeconds(10));
            TileStore tiles = new TileStore(store.database(), 64);
            LogState state = new LogState(store.database());
            LogIntegrator integrator = new LogIntegrator(engine, tiles, state, tokens, SIGNER,
                    new LogIntegrator.Settings(ORIGIN, Duration.ZERO, 100, Duration.ofMillis(50), name), Clock.systemUTC());
            return new Instance(integrator, new LogReader(engine.storedEvents(), tiles, state, name),
                    new LogAudit(engine.storedEvents(), tiles, state, name, Clock.systemUTC()), state);
        }

        @Override
        public void close() {
            integrator.close();
        }
    }

    /** Appends commits of 1, 2 and 3 events in turn; answers how many events were stored. */
    private static long appendCommits(MongoLedgerStorageEngine engine, String aggregate, int commits, long firstSeq) {
        long seq = firstSeq;
        for (int i = 0; i < commits; i++) {
            int size = 1 + i % 3;
            engine.appendEvents(TestEvents.commit(aggregate, seq, size, aggregate + "-" + seq));
            seq += size;
        }
        return seq - firstSeq;
    }

    @Test
    void everyEventHasItsLeafAndEveryProofVerifiesAgainstTheSignedCheckpoint() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance instance = Instance.on(store, store.engine(), "one")) {
            long events = appendCommits(store.engine(), "crc-a", 200, 0);   // across tiles
            assertThat(instance.integrator().integrateOnce()).isTrue();

            List<StoredEvent> stored = store.engine().storedEvents().from(1, 10_000, false);
            assertThat(stored).hasSize((int) events);
            CompactRange reference = new CompactRange();
            for (StoredEvent event : stored) {
                LedgerLeaf leaf = LedgerLeaf.parse(event.leafBytes());
                assertThat(leaf.position()).isEqualTo(event.position());
                assertThat(leaf.eventId()).isEqualTo(event.eventId());
                assertThat(leaf.aggregateId()).isEqualTo("crc-a");
                assertThat(leaf.payloadSha256()).isEqualTo(LedgerLeaf.sha256Hex(event.payloadBytes()));
                reference.append(MerkleHash.leaf(event.leafBytes()), (h, i, x) -> { });
            }

            LogState.SignedCheckpoint checkpoint = instance.reader().latest().orElseThrow();
            assertThat(checkpoint.size()).isEqualTo(events);
            assertThat(checkpoint.root()).isEqualTo(reference.root());
            SignedNote note = SignedNote.parse(checkpoint.note());
            assertThat(note.verify(SIGNER.verifierKey())).isTrue();
            Checkpoint body = Checkpoint.parse(note.text());
            assertThat(body.origin()).isEqualTo(ORIGIN);
            assertThat(body.rootHash()).isEqualTo(reference.root());

            Random random = new Random(7);
            for (int i = 0; i < 50; i++) {
                long index = random.nextInt((int) events);
                byte[] leaf = stored.get((int) index).leafBytes();
                List<byte[]> proof = instance.reader().inclusionProof(leaf, index, checkpoint);
                MerkleVerifier.verifyInclusion(MerkleHash.leaf(leaf), index, events, proof, checkpoint.root());
            }
            assertThat(instance.audit().checkAll().problem()).isEmpty();
        }
    }

    @Test
    void aRestartedIntegratorResumesAndEveryCheckpointIsConsistentWithTheOneBefore() {
        List<LogState.SignedCheckpoint> signed = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            try (EmbeddedStore store = EmbeddedStore.start(dataDir);
                 Instance instance = Instance.on(store, store.engine(), "one")) {
                appendCommits(store.engine(), "crc-" + round, 100 + round * 37, 0);
                instance.integrator().integrateOnce();
                signed.add(instance.reader().latest().orElseThrow());
                for (int i = 1; i < signed.size(); i++) {
                    LogState.SignedCheckpoint before = signed.get(i - 1);
                    LogState.SignedCheckpoint after = signed.get(i);
                    List<byte[]> proof = instance.reader().consistencyProof(before.size(), after.size(), after.root());
                    MerkleVerifier.verifyConsistency(before.size(), after.size(), proof, before.root(), after.root());
                    assertThat(instance.reader().signed(before.size()).orElseThrow().note()).isEqualTo(before.note());
                }
                assertThat(instance.audit().checkAll().problem()).isEmpty();
            }
        }
        assertThat(signed).extracting(LogState.SignedCheckpoint::size).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void ofTwoInstancesExactlyOneIntegratesAndBothServeTheSameTiles() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance one = Instance.on(store, store.engine(), "one");
             Instance two = Instance.on(store, EmbeddedStore.engineOn(store.database()), "two")) {
            long events = appendCommits(store.engine(), "crc-a", 150, 0);
            boolean first = one.integrator().integrateOnce();
            boolean second = two.integrator().integrateOnce();
            assertThat(first ^ second).as("exactly one integrates").isTrue();
            long size = one.reader().latest().orElseThrow().size();
            assertThat(size).isEqualTo(two.reader().latest().orElseThrow().size()).isEqualTo(events);
            for (var tile : uk.crcledger.tlog.merkle.Tiles.hashTilesFor(size)) {
                assertThat(one.reader().hashTile(tile)).get().isEqualTo(two.reader().hashTile(tile).orElseThrow());
            }
            for (var bundle : uk.crcledger.tlog.merkle.Tiles.entryBundlesFor(size)) {
                assertThat(one.reader().entryBundle(bundle)).get().isEqualTo(two.reader().entryBundle(bundle).orElseThrow());
            }
        }
    }

    @Test
    void anEditedPayloadIsFoundAtItsPositionAndNoCheckpointIsSignedAfterIt() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance instance = Instance.on(store, store.engine(), "one")) {
            appendCommits(store.engine(), "crc-a", 60, 0);
            instance.integrator().integrateOnce();
            long signedBefore = instance.reader().latest().orElseThrow().size();
            StoredEvent target = store.engine().storedEvents().at(57).orElseThrow();
            int index = (int) (57 - target.commitPosition());
            commits(store).updateOne(Filters.eq("_id", target.commitPosition()),
                    Updates.set("events." + index + ".payload", target.payload().replace("crc-a", "crc-b")));

            LogAudit.Result result = instance.audit().checkAll();

            assertThat(result.problem()).get().satisfies(alarm -> {
                assertThat(alarm.position()).isEqualTo(57);
                assertThat(alarm.problem()).contains("payload", "57");
            });
            appendCommits(store.engine(), "crc-z", 10, 0);
            instance.integrator().integrateOnce();
            assertThat(instance.reader().latest().orElseThrow().size()).isEqualTo(signedBefore);
            assertThat(instance.reader().alarm()).get().extracting(LogState.Alarm::position).isEqualTo(57L);
        }
    }

    @Test
    void aDeletedCommitIsFoundAtItsPosition() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance instance = Instance.on(store, store.engine(), "one")) {
            appendCommits(store.engine(), "crc-a", 60, 0);
            instance.integrator().integrateOnce();
            long commit = store.engine().storedEvents().at(80).orElseThrow().commitPosition();
            commits(store).deleteOne(Filters.eq("_id", commit));

            assertThat(instance.audit().checkAll().problem()).get()
                    .satisfies(alarm -> assertThat(alarm.position()).isEqualTo(commit))
                    .satisfies(alarm -> assertThat(alarm.problem()).contains("deleted"));
        }
    }

    @Test
    void twoSwappedCommitsAreFoundAtTheFirst() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance instance = Instance.on(store, store.engine(), "one")) {
            for (int seq = 0; seq < 40; seq++) {
                store.engine().appendEvents(TestEvents.commit("crc-a", seq, 1, "e" + seq));
            }
            instance.integrator().integrateOnce();
            MongoCollection<Document> commits = commits(store);
            Document at10 = commits.find(Filters.eq("_id", 10L)).first();
            Document at20 = commits.find(Filters.eq("_id", 20L)).first();
            commits.deleteMany(Filters.in("_id", List.of(10L, 20L)));
            at10.put("_id", 20L);
            at20.put("_id", 10L);
            commits.insertMany(List.of(at20, at10));

            assertThat(instance.audit().checkAll().problem()).get()
                    .satisfies(alarm -> assertThat(alarm.position()).isEqualTo(10))
                    .satisfies(alarm -> assertThat(alarm.problem()).contains("reordered"));
        }
    }

    @Test
    void eventsStoredBeforeLeavesExistedAreGivenTheirLeafOnceWhenFirstIntegratedAndNeverAgain() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance instance = Instance.on(store, store.engine(), "one")) {
            long events = appendCommits(store.engine(), "crc-a", 30, 0);
            List<String> before = store.engine().storedEvents().from(1, 1_000, false).stream()
                    .map(StoredEvent::leaf).toList();
            // As a store written by a version without the log holds them: no leaf at all.
            for (Document commit : commits(store).find()) {
                int count = commit.getList("events", Document.class).size();
                for (int i = 0; i < count; i++) {
                    commits(store).updateOne(Filters.eq("_id", commit.getLong("_id")), Updates.unset("events." + i + ".leaf"));
                }
            }
            assertThat(store.engine().storedEvents().from(1, 1_000, false)).allSatisfy(e -> assertThat(e.leaf()).isNull());

            instance.integrator().integrateOnce();

            List<String> given = store.engine().storedEvents().from(1, 1_000, false).stream().map(StoredEvent::leaf).toList();
            assertThat(given).hasSize((int) events).containsExactlyElementsOf(before);
            assertThat(instance.reader().latest().orElseThrow().size()).isEqualTo(events);
            assertThat(instance.audit().checkAll().problem()).isEmpty();

            // Once integrated, a leaf that goes missing is tampering, not an old event.
            commits(store).updateOne(Filters.eq("_id", 1L), Updates.unset("events.0.leaf"));
            assertThat(instance.audit().checkAll().problem()).get()
                    .satisfies(alarm -> assertThat(alarm.position()).isEqualTo(1))
                    .satisfies(alarm -> assertThat(alarm.problem()).contains("no leaf"));
        }
    }

    @Test
    void aLeafRewrittenTogetherWithItsTileIsFoundByTheSignedRoot() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance instance = Instance.on(store, store.engine(), "one")) {
            appendCommits(store.engine(), "crc-a", 20, 0);
            instance.integrator().integrateOnce();
            StoredEvent target = store.engine().storedEvents().at(7).orElseThrow();
            String forged = target.payload().replace("crc-a", "crc-f");
            LedgerLeaf original = LedgerLeaf.parse(target.leafBytes());
            LedgerLeaf rewritten = new LedgerLeaf(original.position(), original.eventId(), original.type(),
                    original.aggregateId(), original.sequence(), original.recordedAt(), original.recordedBy(),
                    LedgerLeaf.sha256Hex(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            int index = (int) (7 - target.commitPosition());
            commits(store).updateOne(Filters.eq("_id", target.commitPosition()), Updates.combine(
                    Updates.set("events." + index + ".payload", forged),
                    Updates.set("events." + index + ".leaf", new String(rewritten.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8))));
            Document tile = store.database().getCollection("tlog_tiles").find(Filters.eq("_id", "0/0")).first();
            byte[] hashes = tile.get("hashes", org.bson.types.Binary.class).getData();
            System.arraycopy(MerkleHash.leaf(rewritten.canonicalBytes()), 0, hashes, 6 * 32, 32);
            store.database().getCollection("tlog_tiles").updateOne(Filters.eq("_id", "0/0"),
                    Updates.set("hashes", new org.bson.types.Binary(hashes)));

            assertThat(new LogAudit(store.engine().storedEvents(), new TileStore(store.database(), 8), instance.state(),
                    "fresh", Clock.systemUTC()).checkAll().problem()).get()
                    .satisfies(alarm -> assertThat(alarm.problem()).contains("root of the checkpoint"));
        }
    }

    @Test
    void anInstanceWithAnotherKeyOrOriginIntegratesButRefusesToSign() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            try (Instance first = Instance.on(store, store.engine(), "one")) {
                appendCommits(store.engine(), "crc-a", 10, 0);
                first.integrator().integrateOnce();
            }
            LogState state = new LogState(store.database());
            long signed = state.latest().orElseThrow().size();
            appendCommits(store.engine(), "crc-b", 10, 0);
            for (LogIntegrator.Settings settings : List.of(
                    new LogIntegrator.Settings(ORIGIN, Duration.ZERO, 100, Duration.ofMillis(50), "other-key"),
                    new LogIntegrator.Settings("another.origin/tlog", Duration.ZERO, 100, Duration.ofMillis(50), "other-origin"))) {
                NoteSigner key = settings.instanceName().equals("other-key") ? NoteSigner.generate(ORIGIN) : SIGNER;
                try (LogIntegrator other = new LogIntegrator(store.engine(), new TileStore(store.database(), 8), state,
                        LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), "one", Duration.ofSeconds(10)),
                        key, settings, Clock.systemUTC())) {
                    assertThat(other.integrateOnce()).isTrue();
                    assertThat(other.refusesToSign()).as(settings.instanceName()).isTrue();
                    assertThat(state.tree().size()).isGreaterThan(signed);
                    assertThat(state.latest().orElseThrow().size()).isEqualTo(signed);
                }
            }
            assertThat(state.alarm()).isEmpty();
        }
    }

    @Test
    void theBackgroundSweepGoesOverTheWholeLedgerInTurnAndFindsWhatChangedBehindIt() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir);
             Instance instance = Instance.on(store, store.engine(), "one")) {
            for (int seq = 0; seq < 40; seq++) {
                store.engine().appendEvents(TestEvents.commit("crc-a", seq, 1, "e" + seq));
            }
            instance.integrator().integrateOnce();

            assertThat(List.of(instance.audit().sweep(15), instance.audit().sweep(15), instance.audit().sweep(15)))
                    .extracting(LogAudit.Result::from, LogAudit.Result::to, LogAudit.Result::checked)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 15L, 15L),
                            org.assertj.core.groups.Tuple.tuple(16L, 30L, 15L),
                            org.assertj.core.groups.Tuple.tuple(31L, 40L, 10L));

            // Behind the sweep: found when it comes round again, not before.
            commits(store).updateOne(Filters.eq("_id", 20L), Updates.set("events.0.payload", "{\"forged\":true}"));
            assertThat(instance.audit().sweep(15).problem()).as("positions 1-15").isEmpty();
            assertThat(instance.audit().sweep(15).problem()).get()
                    .extracting(LogState.Alarm::position).isEqualTo(20L);
            assertThat(instance.state().alarm()).get().extracting(LogState.Alarm::position).isEqualTo(20L);
        }
    }

    private static MongoCollection<Document> commits(EmbeddedStore store) {
        return store.database().getCollection("events");
    }
}
