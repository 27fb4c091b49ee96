package uk.crcledger.api.tlog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.tlog.merkle.MerkleHash;
import uk.crcledger.tlog.merkle.MerkleVerifier;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.SignedNote;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * Withholding a payload over HTTP, the app on a random port with the embedded store: the payload
 * answers 451 with the SHA-256 its leaf holds while the other positions are served, the entry's
 * proofs still verify against the signed checkpoint, the entry's view marks the revision, the
 * withholding is an event of the ledger itself, and only an admin may withhold, once per position.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithholdingIntegrationTest {

    private static final String ADMIN = "admin.withholding-test-secret-0123456789";
    private static final String COURT_ORDER = "Anonymity order: the announcement names a member of staff";
    private static final String REFERENCE = "QB-2026-000123";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final Path dataDir = TestDirectories.temporary("ledger-withholding-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
        registry.add("ledger.tlog.checkpoint-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private String admin;
    private String editor;
    private String recorder;
    private int entries;

    /** An entry with two revisions (recorded, corrected) and their ledger positions. */
    private record Entry(String id, long recorded, long corrected) {
    }

    @BeforeAll
    void tokensAndAContract() {
        api = new HttpLedger(port);
        admin = api.token(ADMIN, "ada-admin", "admin");
        editor = api.token(ADMIN, "eddie-editor", "editor");
        recorder = api.token(ADMIN, "rita-recorder", "recorder");
        created(api.post("/api/crcs", editor, Map.of("crcId", "west-yorkshire", "name", "West Yorkshire")));
        created(api.post("/api/providers", editor, Map.of("providerId", "purple-futures", "name", "Purple Futures")));
        created(api.post("/api/contract-awards", recorder, Map.of("crcId", "west-yorkshire",
                "providerId", "purple-futures", "signedOn", "2014-12-18", "startsOn", "2015-02-01",
                "plannedEndOn", "2022-01-31", "sources", List.of(source("PQ 221779")))));
    }

    private Entry entryWithTwoRevisions() {
        Map<String, Object> cuts = new LinkedHashMap<>();
        cuts.put("providerId", "purple-futures");
        cuts.put("announcedOn", "2016-01-20");
        cuts.put("crcs", List.of(Map.of("crcId", "west-yorkshire")));
        cuts.put("totalPosts", 100);
        cuts.put("description", "restructuring " + ++entries);
        cuts.put("sources", List.of(source("Napo newsletter")));
        String id = (String) created(api.post("/api/job-cut-announcements", recorder, cuts)).get("entryId");
        Answer corrected = api.post("/api/entries/" + id + "/corrections", editor,
                Map.of("changes", Map.of("totalPosts", 120), "reason", "Napo figure"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        List<Map<String, Object>> revisions = revisions(id);
        return new Entry(id, position(revisions.get(0).get("ledgerPosition")),
                position(revisions.get(1).get("ledgerPosition")));
    }

    private Answer withhold(String entryId, Object position, String token) {
        return api.post("/api/entries/" + entryId + "/withholdings", token,
                Map.of("position", position, "reason", COURT_ORDER, "reference", REFERENCE));
    }

    @Test
    void withheldPayloadAnswers451WithTheSha256ItsLeafHolds() {
        Entry entry = entryWithTwoRevisions();
        Map<String, Object> leaf = leafAt(entry.id(), entry.recorded());

        Answer withheld = withhold(entry.id(), entry.recorded(), admin);

        assertThat(withheld.status()).as(withheld.body()).isEqualTo(201);
        assertThat(withheld.header("location")).isEqualTo("/tlog/payloads/" + entry.recorded());
        Answer payload = payloadOnceIntegrated(entry.recorded());
        assertThat(payload.status()).as(payload.body()).isEqualTo(451);
        assertThat(payload.contentType()).startsWith("application/problem+json");
        assertThat(payload.json()).containsEntry("payloadSha256", leaf.get("payloadSha256"))
                .containsEntry("reason", COURT_ORDER);
        assertThat(position(payload.json().get("position"))).isEqualTo(entry.recorded());
    }

    @Test
    void servesThePayloadsOfTheOtherPositions() {
        Entry entry = entryWithTwoRevisions();

        created(withhold(entry.id(), entry.recorded(), admin));

        Answer corrected = payloadOnceIntegrated(entry.corrected());
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.body()).contains("Napo figure");
    }

    @Test
    void theEntrysProofStillVerifiesAgainstTheSignedCheckpoint() {
        Entry entry = entryWithTwoRevisions();
        created(withhold(entry.id(), entry.recorded(), admin));

        Map<String, Object> proof = proofOf(entry.id());
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse((String) proof.get("checkpoint")).text());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> leaves = (List<Map<String, Object>>) proof.get("leaves");
        assertThat(leaves).extracting(l -> position(l.get("position")))
                .containsExactly(entry.recorded(), entry.corrected());
        for (Map<String, Object> leaf : leaves) {
            byte[] bytes = Base64.getDecoder().decode((String) leaf.get("leaf"));
            @SuppressWarnings("unchecked")
            List<byte[]> path = ((List<String>) leaf.get("proof")).stream().map(Base64.getDecoder()::decode).toList();
            MerkleVerifier.verifyInclusion(MerkleHash.leaf(bytes), position(leaf.get("index")), checkpoint.size(),
                    path, checkpoint.rootHash());
        }
    }

    @Test
    void theEntrysViewMarksTheWithheldRevision() {
        Entry entry = entryWithTwoRevisions();

        long withholding = position(created(withhold(entry.id(), entry.recorded(), admin)).get("ledgerPosition"));

        Map<String, Object> view = api.get("/api/entries/" + entry.id(), null).json();
        assertThat(((List<?>) view.get("withheldPositions")).stream().map(WithholdingIntegrationTest::position))
                .containsExactly(entry.recorded());
        List<Map<String, Object>> revisions = revisions(entry.id());
        assertThat(revisions).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> mark = (Map<String, Object>) revisions.get(0).get("withheld");
        assertThat(mark).containsEntry("reason", COURT_ORDER).containsEntry("reference", REFERENCE)
                .containsEntry("withheldBy", "ada-admin").containsKey("withheldAt");
        assertThat(position(mark.get("ledgerPosition"))).isEqualTo(withholding);
        assertThat(revisions.get(1)).doesNotContainKey("withheld");
    }

    @Test
    void theWithholdingIsAnEventOfTheLedgerWhosePayloadIsServed() {
        Entry entry = entryWithTwoRevisions();
        long head = headPosition();

        Map<String, Object> withheld = created(withhold(entry.id(), entry.corrected(), admin));

        long withholding = position(withheld.get("ledgerPosition"));
        assertThat(withholding).isEqualTo(head + 1);
        assertThat(headPosition()).isEqualTo(head + 1);
        Answer payload = payloadOnceIntegrated(withholding);
        assertThat(payload.status()).as(payload.body()).isEqualTo(200);
        Map<String, Object> event = payload.json();
        assertThat(event).containsEntry("entryId", entry.id()).containsEntry("reason", COURT_ORDER)
                .containsEntry("reference", REFERENCE).containsEntry("recordedBy", "ada-admin");
        assertThat(position(event.get("position"))).isEqualTo(entry.corrected());
    }

    @Test
    void refusesToWithholdAPositionTwice() {
        Entry entry = entryWithTwoRevisions();
        created(withhold(entry.id(), entry.recorded(), admin));
        long head = headPosition();

        Answer again = withhold(entry.id(), entry.recorded(), admin);

        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat((String) again.json().get("detail")).contains("already withheld");
        assertThat(headPosition()).isEqualTo(head);
    }

    @Test
    void onlyAnAdminMayWithhold() {
        Entry entry = entryWithTwoRevisions();

        for (String token : new String[] {editor, recorder}) {
            Answer refused = withhold(entry.id(), entry.recorded(), token);
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(withhold(entry.id(), entry.recorded(), null).status()).isEqualTo(401);
        assertThat(payloadOnceIntegrated(entry.recorded()).status()).isEqualTo(200);
    }

    @Test
    void answersABadRequestWithAProblemNamingTheField() {
        Entry entry = entryWithTwoRevisions();
        String path = "/api/entries/" + entry.id() + "/withholdings";

        Answer noReason = api.post(path, admin, Map.of("position", entry.recorded()));
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.json()).containsEntry("field", "reason");

        Answer tooLong = api.post(path, admin, Map.of("position", entry.recorded(), "reason", "x".repeat(501)));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.json()).containsEntry("field", "reason");

        Answer noPosition = api.post(path, admin, Map.of("reason", COURT_ORDER));
        assertThat(noPosition.status()).as(noPosition.body()).isEqualTo(400);
        assertThat(noPosition.json()).containsEntry("field", "position");

        Answer notAPosition = api.post(path, admin, "{\"position\":\"first\",\"reason\":\"x\"}", Map.of());
        assertThat(notAPosition.status()).as(notAPosition.body()).isEqualTo(400);
        assertThat(notAPosition.contentType()).startsWith("application/problem+json");

        Answer malformed = api.post(path, admin, "{\"position\": ", Map.of());
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAPositionThatIsNotOneOfTheEntrysRevisions() {
        Entry entry = entryWithTwoRevisions();
        Entry other = entryWithTwoRevisions();
        long head = headPosition();

        Answer foreign = withhold(entry.id(), other.recorded(), admin);

        assertThat(foreign.status()).as(foreign.body()).isEqualTo(400);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.json()).containsEntry("field", "position");
        assertThat(headPosition()).isEqualTo(head);
    }

    @Test
    void answersNotFoundForAnUnknownEntry() {
        Answer unknown = withhold("no-such-entry", 1, admin);

        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Map<String, Object> created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private static long position(Object number) {
        return ((Number) number).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> revisions(String entryId) {
        return (List<Map<String, Object>>) api.get("/api/entries/" + entryId, null).json().get("revisions");
    }

    /** The entry's proof once every event of it is in a signed checkpoint (409 until then). */
    private Map<String, Object> proofOf(String entryId) {
        Answer[] proof = new Answer[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            proof[0] = api.get("/api/entries/" + entryId + "/proof", null);
            return proof[0].status() == 200;
        });
        return proof[0].json();
    }

    /** The leaf at {@code position} of the entry's proof: RFC 8785 JSON naming the payload's SHA-256. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> leafAt(String entryId, long position) {
        for (Map<String, Object> leaf : (List<Map<String, Object>>) proofOf(entryId).get("leaves")) {
            if (position(leaf.get("position")) == position) {
                String json = new String(Base64.getDecoder().decode((String) leaf.get("leaf")), StandardCharsets.UTF_8);
                return HttpLedger.JSON.readValue(json, Map.class);
            }
        }
        throw new AssertionError("no leaf at position " + position);
    }

    /** GET /tlog/payloads/{position} once the integrator has taken the event in (404 until then). */
    private Answer payloadOnceIntegrated(long position) {
        Answer[] payload = new Answer[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            payload[0] = api.get("/tlog/payloads/" + position, null);
            return payload[0].status() != 404;
        });
        return payload[0];
    }

    /** The ledger's last position, as the admin's projection status gives it. */
    @SuppressWarnings("unchecked")
    private long headPosition() {
        Answer status = api.get("/api/admin/projections", admin);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return position(((List<Map<String, Object>>) status.json().get("items")).get(0).get("headPosition"));
    }
}
