package uk.crcledger.tlog.verify;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.tlog.leaf.LedgerLeaf;
import uk.crcledger.tlog.merkle.HashTilePath;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.NoteSigner;
import uk.crcledger.tlog.note.SignedNote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verifier against logs built here and served by an in-process HTTP server, intact and tampered with. */
class VerifyCommandUnitTest {

    private final List<TestLog> logs = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopServers() {
        logs.forEach(TestLog::close);
    }

    private TestLog served(int size) throws IOException {
        TestLog log = TestLog.create(size).start();
        logs.add(log);
        return log;
    }

    record Run(int status, String out, String err) {
        String verdict() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run verify(TestLog log, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", log.url(), "--vkey", log.signer.verifierKey().encoded()));
        args.addAll(List.of(more));
        return verify(args.toArray(String[]::new));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void anIntactLogVerifies() throws IOException {
        TestLog log = served(1000);

        Run run = verify(log);

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Checkpoint: origin test.example/crc-ledger, size 1000, root " + b64(log.root()));
        assertThat(run.verdict()).isEqualTo("OK: test.example/crc-ledger size 1000 root " + b64(log.root())
                + ", 1000 leaves and 1000 payloads checked (0 withheld)");
    }

    @Test
    void aLogWithThreeTileLevelsVerifiesAndReportsProgress() throws IOException {
        // 70,000 leaves: full and partial tiles at levels 0 and 1, a partial tile at level 2.
        TestLog log = served(70_000);
        long started = System.nanoTime();

        Run run = verify(log);

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.verdict()).startsWith("OK: test.example/crc-ledger size 70000 root " + b64(log.root()))
                .endsWith("70000 leaves and 70000 payloads checked (0 withheld)");
        assertThat(run.err()).contains("leaves checked");
        assertThat(System.nanoTime() - started).as("time to verify 70,000 leaves").isLessThan(30_000_000_000L);
    }

    @Test
    void aSingleLeafAndAnExactlyFullBundleVerify() throws IOException {
        for (int size : new int[] {1, 256, 257, 65_536}) {
            TestLog log = served(size);
            Run run = verify(log);
            assertThat(run.status()).as(size + " leaves: " + run).isZero();
            assertThat(run.verdict()).contains(size + " leaves and " + size + " payloads checked");
        }
    }

    @Test
    void aFlippedPayloadByteNamesItsPosition() throws IOException {
        TestLog log = served(1000);
        log.flipPayloadByte(300, 5);

        Run run = verify(log);

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.verdict()).startsWith("FAILED at ledger position 300: payload hash mismatch");
    }

    @Test
    void theFirstOfTwoBadPositionsIsNamed() throws IOException {
        TestLog log = served(1000);
        log.flipPayloadByte(901, 0);
        log.flipPayloadByte(600, 0);

        Run run = verify(log, "--parallel", "3");

        assertThat(run.verdict()).startsWith("FAILED at ledger position 600: payload hash mismatch");
    }

    @Test
    void anEditedLeafInABundleNamesItsPosition() throws IOException {
        TestLog log = served(1000);
        LedgerLeaf original = LedgerLeaf.parse(log.leaves.get(516));
        LedgerLeaf edited = new LedgerLeaf(original.position(), original.eventId(), "edited-type", original.aggregateId(),
                original.sequence(), original.recordedAt(), original.recordedBy(), original.payloadSha256());
        log.serveLeaf(517, edited.canonicalBytes());

        Run run = verify(log);

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.verdict()).startsWith("FAILED at ledger position 517: tile hash mismatch: the leaf hashes to");
    }

    @Test
    void aLeafThatIsNotCanonicalNamesItsPosition() throws IOException {
        TestLog log = served(1000);
        String leaf = new String(log.leaves.get(40), StandardCharsets.UTF_8);
        log.serveLeaf(41, leaf.replaceFirst("\\{", "{ ").getBytes(StandardCharsets.UTF_8));

        Run run = verify(log);

        assertThat(run.verdict()).startsWith("FAILED at ledger position 41: leaf not canonical");
    }

    @Test
    void aLeafThatNamesAnotherPositionIsCaught() throws IOException {
        TestLog log = served(1000);
        log.serveLeaf(700, log.leaves.get(700));

        Run run = verify(log);

        assertThat(run.verdict()).isEqualTo("FAILED at ledger position 700: the leaf names another position: 701 "
                + "(entry 187 of tile/entries/002)");
    }

    @Test
    void aWrongTileAboveTheLeavesNamesTheFirstPositionOfItsSubtree() throws IOException {
        TestLog log = served(1000);
        String path = new HashTilePath(1, 0, 3).path();
        byte[] tile = log.files.get(path).clone();
        tile[MerkleHash.SIZE + 3] ^= 0x40; // the second hash: positions 257..512
        log.files.put(path, tile);

        Run run = verify(log);

        assertThat(run.verdict()).startsWith("FAILED at ledger position 257: tile hash mismatch: hash 1 of tile/1/000.p/3");
    }

    @Test
    void aMissingBundleOrTileIsAFailureAtItsFirstPosition() throws IOException {
        TestLog log = served(1000);
        log.files.remove("tile/entries/001");
        assertThat(verify(log).verdict()).isEqualTo("FAILED at ledger position 257: missing entry bundle: "
                + "the server has no tile/entries/001 (HTTP 404)");

        log.publish();
        log.files.remove("tile/0/003.p/232");
        assertThat(verify(log).verdict()).startsWith("FAILED at ledger position 769: missing tile");

        log.publish();
        log.files.remove("payload-bundles/000");
        assertThat(verify(log).verdict()).startsWith("FAILED at ledger position 1: missing payload bundle");
    }

    @Test
    void aCheckpointWhoseRootTheLeavesDoNotGiveFails() throws IOException {
        TestLog log = served(1000);
        byte[] otherRoot = log.rootAt(999);
        log.files.put("checkpoint", SignedNote.sign(new Checkpoint(log.origin, 1000, otherRoot, List.of()).text(),
                log.signer).encoded().getBytes(StandardCharsets.UTF_8));

        Run run = verify(log);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.verdict()).startsWith("FAILED: root mismatch: the 1000 leaves give root " + b64(log.root()));
    }

    @Test
    void aWrongVerifierKeyFails() throws IOException {
        TestLog log = served(300);
        NoteSigner other = NoteSigner.generate(log.origin);

        Run run = verify("--url", log.url(), "--vkey", other.verifierKey().encoded());

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.verdict()).startsWith("FAILED: bad signature");
    }

    @Test
    void theKeyCanBeGivenInAFile() throws IOException {
        TestLog log = served(10);
        Path keyFile = Files.writeString(dir.resolve("log.vkey"), log.signer.verifierKey().encoded() + "\n");

        Run run = verify("--url", log.url() + "/", "--vkey", keyFile.toString());

        assertThat(run.status()).as(run.toString()).isZero();
    }

    @Test
    void withheldPayloadsAreCountedNotFailed() throws IOException {
        TestLog log = TestLog.create(1000);
        log.withheld.addAll(List.of(5L, 256L, 999L));
        log.publish();
        log.start();
        logs.add(log);

        Run run = verify(log);

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.verdict()).endsWith("1000 leaves and 997 payloads checked (3 withheld)");
    }

    @Test
    void aStateFromAnOlderConsistentCheckpointPassesAndIsUpdated() throws IOException {
        TestLog log = TestLog.create(600);
        Path state = dir.resolve("state");
        Files.writeString(state, log.checkpointAt(600));
        log.append(900);
        log.publish();
        log.start();
        logs.add(log);

        Run run = verify(log, "--state", state.toString());

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("State: saved checkpoint of size 600");
        assertThat(Files.readString(state)).isEqualTo(new String(log.files.get("checkpoint"), StandardCharsets.UTF_8));
        assertThat(Checkpoint.parse(SignedNote.parse(Files.readString(state)).text()).size()).isEqualTo(1500);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(state);
        }

        Run again = verify(log, "--state", state.toString());
        assertThat(again.status()).as(again.toString()).isZero();
    }

    @Test
    void aMissingStateFileIsCreated() throws IOException {
        TestLog log = served(300);
        Path state = dir.resolve("new-state");

        Run run = verify(log, "--state", state.toString());

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(Files.readString(state)).isEqualTo(new String(log.files.get("checkpoint"), StandardCharsets.UTF_8));
    }

    @Test
    void aStateFromAForkedHistoryFailsAndIsKept() throws IOException {
        TestLog log = served(1500);
        TestLog fork = new TestLog(log.signer, "fork");
        fork.append(600);
        Path state = dir.resolve("state");
        String forked = fork.checkpointAt(600);
        Files.writeString(state, forked);

        Run run = verify(log, "--state", state.toString());

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.verdict()).startsWith("FAILED: inconsistent with saved state");
        assertThat(Files.readString(state)).isEqualTo(forked);
    }

    @Test
    void aStateOfALargerTreeFails() throws IOException {
        TestLog log = served(700);
        Path state = dir.resolve("state");
        TestLog longer = new TestLog(log.signer, "a");
        longer.append(800);
        Files.writeString(state, longer.checkpointAt(800));

        Run run = verify(log, "--state", state.toString());

        assertThat(run.verdict()).startsWith("FAILED: inconsistent with saved state: the log shrank from 800 leaves");
    }

    @Test
    void aStateSignedByAnotherKeyFails() throws IOException {
        TestLog log = served(300);
        TestLog other = new TestLog(NoteSigner.generate(log.origin), "a");
        other.append(200);
        Path state = dir.resolve("state");
        Files.writeString(state, other.checkpointAt(200));

        Run run = verify(log, "--state", state.toString());

        assertThat(run.verdict()).startsWith("FAILED: inconsistent with saved state: bad signature");
    }

    @Test
    void badArgumentsPrintTheUsage() {
        Run none = verify();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("--url is required").contains("Usage: verify --url <base> --vkey <vkey>");

        Run badKey = verify("--url", "http://localhost:1", "--vkey", "not-a-key");
        assertThat(badKey.status()).isEqualTo(2);
        assertThat(badKey.err()).contains("--vkey is not a verifier key");

        Run unknown = verify("--url", "http://localhost:1", "--frobnicate");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option --frobnicate");

        Run help = verify("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: verify");
    }

    @Test
    void anUnreachableServerIsANetworkError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NoteSigner signer = NoteSigner.generate("test.example/crc-ledger");

        Run run = verify("--url", "http://127.0.0.1:" + port, "--vkey", signer.verifierKey().encoded());

        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("verify: error: could not fetch http://127.0.0.1:" + port + "/tlog/checkpoint");
        assertThat(run.out()).doesNotContain("OK").doesNotContain("FAILED");
    }
}
