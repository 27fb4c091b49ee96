package uk.crcledger.api.tlog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.tlog.leaf.LedgerLeaf;
import uk.crcledger.tlog.merkle.CompactRange;
import uk.crcledger.tlog.merkle.EntryBundlePath;
import uk.crcledger.tlog.merkle.EntryBundles;
import uk.crcledger.tlog.merkle.HashTilePath;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleVerifier;
import uk.crcledger.tlog.merkle.Tiles;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.SignedNote;
import uk.crcledger.tlog.note.VerifierKey;
import uk.crcledger.tlog.proof.TlogProof;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * The log over HTTP as a standard client reads it: the checkpoint verifies with the published key,
 * the tiles and entry bundles rebuild its root, an entry's leaves verify in it, payloads match
 * their leaves, checkpoints extend each other, and bad parameters are problems, never 500s.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlogEndpointsIntegrationTest {

    private static final String ADMIN = "admin.tlog-test-secret-0123456789";
    private static final String ORIGIN = "ledger.test.example/tlog";
    private static final Path dataDir = TestDirectories.temporary("tlog-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
        registry.add("ledger.tlog.origin", () -> ORIGIN);
        registry.add("ledger.tlog.checkpoint-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private final HttpClient http = HttpClient.newHttpClient();
    private VerifierKey key;
    private String jobCutEntry;

    @BeforeAll
    void recordSomeHistory() {
        api = new HttpLedger(port);
        assertThat(api.post("/api/crcs", ADMIN, Map.of("crcId", "west-yorkshire", "name", "West Yorkshire")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/providers", ADMIN, Map.of("providerId", "purple-futures", "name", "Purple Futures",
                "kind", "private-led consortium", "members", List.of("Interserve"))).status()).isEqualTo(201);
        Answer award = api.post("/api/contract-awards", ADMIN, Map.of("crcId", "west-yorkshire", "providerId",
                "purple-futures", "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                "sources", List.of(source("PQ 221779"))));
        assertThat(award.status()).as(award.body()).isEqualTo(201);
        Answer cuts = api.post("/api/job-cut-announcements", ADMIN, Map.of("providerId", "purple-futures",
                "announcedOn", "2016-01-20", "crcs", List.of(Map.of("crcId", "west-yorkshire")), "totalPosts", 100,
                "description", "Cuts announced", "sources", List.of(source("Napo newsletter"))));
        assertThat(cuts.status()).as(cuts.body()).isEqualTo(201);
        jobCutEntry = (String) cuts.json().get("entryId");
        Answer corrected = api.post("/api/entries/" + jobCutEntry + "/corrections", ADMIN,
                Map.of("changes", Map.of("totalPosts", 120), "reason", "the union's later figure"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        key = VerifierKey.parse(api.get("/tlog/vkey", null).body().strip());
        awaitCheckpointOfWholeLedger();
    }

    private long awaitCheckpointOfWholeLedger() {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> tlog = tlogHealth();
            long integrated = ((Number) tlog.get("integratedSize")).longValue();
            long signed = ((Number) tlog.get("checkpointSize")).longValue();
            return integrated > 0 && integrated == signed && signed == head() ? signed : null;
        }, java.util.Objects::nonNull);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tlogHealth() {
        Map<String, Object> components = (Map<String, Object>) api.get("/actuator/health", null).json().get("components");
        return (Map<String, Object>) ((Map<String, Object>) components.get("tlog")).get("details");
    }

    @SuppressWarnings("unchecked")
    private long head() {
        Map<String, Object> components = (Map<String, Object>) api.get("/actuator/health", null).json().get("components");
        Map<String, Object> readModel = (Map<String, Object>) ((Map<String, Object>) components.get("readModel")).get("details");
        return ((Number) readModel.get("head")).longValue();
    }

    private Checkpoint latestCheckpoint() {
        Answer answer = api.get("/tlog/checkpoint", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        SignedNote note = SignedNote.parse(answer.body());
        assertThat(note.verify(key)).as("signed by the published key").isTrue();
        return Checkpoint.parse(note.text());
    }

    private byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCheckpointIsSignedByTheVerifierKeyWithTheConfiguredOrigin() {
        Checkpoint checkpoint = latestCheckpoint();
        assertThat(checkpoint.origin()).isEqualTo(ORIGIN);
        assertThat(key.name()).isEqualTo(ORIGIN);
        assertThat(checkpoint.size()).isPositive();
    }

    @Test
    void theTilesAndEntryBundlesRebuildTheCheckpointsRootAndThePayloadsMatchTheirLeaves() {
        Checkpoint checkpoint = latestCheckpoint();
        CompactRange tree = new CompactRange();
        List<byte[]> leafHashes = new ArrayList<>();
        for (EntryBundlePath bundle : Tiles.entryBundlesFor(checkpoint.size())) {
            for (byte[] leaf : EntryBundles.decode(bytes("/tlog/" + bundle.path()))) {
                LedgerLeaf parsed = LedgerLeaf.parse(leaf);
                assertThat(parsed.position()).isEqualTo(leafHashes.size() + 1);
                byte[] payload = bytes("/tlog/payloads/" + parsed.position());
                assertThat(LedgerLeaf.sha256Hex(payload)).isEqualTo(parsed.payloadSha256());
                byte[] hash = MerkleHash.leaf(leaf);
                leafHashes.add(hash);
                tree.append(hash, (h, i, x) -> { });
            }
        }
        assertThat(tree.size()).isEqualTo(checkpoint.size());
        assertThat(tree.root()).isEqualTo(checkpoint.rootHash());
        HashTilePath levelZero = Tiles.hashTilesFor(checkpoint.size()).get(0);
        byte[] tile = bytes("/tlog/" + levelZero.path());
        for (int i = 0; i < levelZero.width(); i++) {
            assertThat(Arrays.copyOfRange(tile, i * 32, i * 32 + 32)).isEqualTo(leafHashes.get(i));
        }
    }

    @Test
    void everyEventOfAnEntryIsProvenInTheCheckpointAndTheTlogProofFileVerifies() {
        Map<String, Object> proof = api.get("/api/entries/" + jobCutEntry + "/proof", null).json();
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse((String) proof.get("checkpoint")).text());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> leaves = (List<Map<String, Object>>) proof.get("leaves");
        assertThat(leaves).hasSize(2);   // recorded, corrected
        for (Map<String, Object> leaf : leaves) {
            byte[] bytes = Base64.getDecoder().decode((String) leaf.get("leaf"));
            long index = ((Number) leaf.get("index")).longValue();
            assertThat(LedgerLeaf.parse(bytes).position()).isEqualTo(index + 1)
                    .isEqualTo(((Number) leaf.get("position")).longValue());
            @SuppressWarnings("unchecked")
            List<byte[]> hashes = ((List<String>) leaf.get("proof")).stream().map(Base64.getDecoder()::decode).toList();
            MerkleVerifier.verifyInclusion(MerkleHash.leaf(bytes), index, checkpoint.size(), hashes, checkpoint.rootHash());
        }

        Answer file = api.get("/api/entries/" + jobCutEntry + "/proof?format=tlog-proof", null);
        assertThat(file.status()).isEqualTo(200);
        TlogProof tlogProof = TlogProof.parse(file.body());
        byte[] firstLeaf = Base64.getDecoder().decode((String) leaves.get(0).get("leaf"));
        assertThat(tlogProof.verify(ORIGIN, key, MerkleHash.leaf(firstLeaf))).isTrue();
        assertThat(tlogProof.verify(ORIGIN, key, MerkleHash.leaf("another leaf".getBytes()))).isFalse();
    }

    @Test
    void eachNewCheckpointIsConsistentWithTheOneBeforeAndOldCheckpointsAreKept() {
        Checkpoint before = latestCheckpoint();
        assertThat(api.post("/api/crcs", ADMIN, Map.of("crcId", "hlny", "name", "HLNY")).status()).isEqualTo(201);
        awaitCheckpointOfWholeLedger();
        Checkpoint after = latestCheckpoint();
        assertThat(after.size()).isGreaterThan(before.size());

        Answer kept = api.get("/tlog/checkpoints?size=" + before.size(), null);
        assertThat(kept.status()).isEqualTo(200);
        assertThat(Checkpoint.parse(SignedNote.parse(kept.body()).text())).isEqualTo(before);

        Map<String, Object> consistency = api.get("/tlog/proof/consistency?from=" + before.size() + "&to=" + after.size(),
                null).json();
        @SuppressWarnings("unchecked")
        List<byte[]> hashes = ((List<String>) consistency.get("proof")).stream().map(Base64.getDecoder()::decode).toList();
        MerkleVerifier.verifyConsistency(before.size(), after.size(), hashes, before.rootHash(), after.rootHash());
    }

    @ParameterizedTest
    @CsvSource({
            "/tlog/tile/0/1, 400",
            "/tlog/tile/0/x1/000, 400",
            "/tlog/tile/0/000.p/256, 400",
            "/tlog/tile/0/000.p/0, 400",
            "/tlog/tile/99/000, 400",
            "/tlog/tile/entries/abc, 400",
            "/tlog/tile/0/x999/999, 404",
            "/tlog/tile/entries/x999/999, 404",
            "/tlog/payloads/0, 400",
            "/tlog/payloads/abc, 400",
            "/tlog/payloads/999999999, 404",
            "/tlog/payload-bundles/x1, 400",
            "/tlog/checkpoints, 400",
            "/tlog/checkpoints?size=-1, 400",
            "/tlog/checkpoints?size=999999999, 404",
            "/tlog/proof/consistency?from=3&to=2, 400",
            "/tlog/proof/consistency?from=x&to=2, 400",
            "/tlog/proof/consistency?to=2, 400",
            "/tlog/proof/consistency?from=1&to=999999999, 404",
            "/api/entries/no-such-entry/proof, 404",
            "/api/entries/no-such-entry/proof?format=xml, 400",
    })
    void badParametersAreProblemsNeverServerErrors(String path, int status) {
        Answer answer = api.get(path, null);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void fullTilesAreImmutableAndTheCheckpointIsNotCached() {
        Answer checkpoint = api.get("/tlog/checkpoint", null);
        assertThat(checkpoint.header("Cache-Control")).contains("no-cache");
        Answer tile = api.get("/tlog/" + Tiles.hashTilesFor(latestCheckpoint().size()).get(0).path(), null);
        assertThat(tile.header("Cache-Control")).contains("immutable");
    }
}
