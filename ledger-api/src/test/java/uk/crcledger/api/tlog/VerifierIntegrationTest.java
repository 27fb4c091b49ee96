package uk.crcledger.api.tlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.seed.ReferenceDataSeeder;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.SignedNote;
import uk.crcledger.tlog.verify.VerifyCommand;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * The independent verifier against the real app: the seeded ledger (plus an entry recorded over
 * HTTP) verifies once the checkpoint covers it. Then, behind the app's back, straight in MongoDB: an
 * edited payload, a deleted commit and two swapped commits each make the verifier fail naming the
 * position; the app's own audit names the edit, its health goes DOWN and it signs no checkpoint after it.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifierIntegrationTest {

    private static final String ADMIN = "admin.verifier-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-verifier-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
        registry.add("ledger.seed", () -> "true");
        registry.add("ledger.tlog.checkpoint-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    ReferenceDataSeeder seeder;

    @Autowired
    LogIdentity identity;

    @Autowired
    @Qualifier("ledgerDatabase")
    MongoDatabase database;

    private HttpLedger api;

    record Run(int status, String out, String err, long millis) {
        String verdict() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }

        @Override
        public String toString() {
            return "exit " + status + " in " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    void seededAndOneMoreEntry() {
        api = new HttpLedger(port);
        await().atMost(Duration.ofSeconds(90)).until(() -> seeder.outcome().isPresent());
        assertThat(seeder.outcome().orElseThrow().error()).isNull();
        String recorder = api.token(ADMIN, "vera-verifier", "recorder");
        HttpLedger.Answer recorded = api.post("/api/job-cut-announcements", recorder, Map.of(
                "providerId", "purple-futures", "announcedOn", "2016-02-20",
                "crcs", List.of(Map.of("crcId", "west-yorkshire")), "totalPosts", 12,
                "description", "recorded by the verifier's test", "sources", List.of(source("Verifier test"))));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    }

    private MongoCollection<Document> events() {
        return database.getCollection("events");
    }

    /** The ledger's last position: the last commit's first position plus its other events. */
    private long head() {
        Document last = events().find().sort(Sorts.descending("_id")).limit(1).first();
        assertThat(last).isNotNull();
        return ((Number) last.get("_id")).longValue() + last.getList("events", Document.class).size() - 1;
    }

    private long checkpointSize() {
        HttpLedger.Answer checkpoint = api.get("/tlog/checkpoint", null);
        if (checkpoint.status() != 200) {
            return -1;
        }
        return Checkpoint.parse(SignedNote.parse(checkpoint.body()).text()).size();
    }

    private Run verify(String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = java.util.stream.Stream.concat(
                java.util.stream.Stream.of("--url", "http://localhost:" + port, "--vkey", identity.verifierKey().encoded()),
                java.util.stream.Stream.of(more)).toArray(String[]::new);
        long started = System.nanoTime();
        int status = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
    }

    @Test
    void theLedgerVerifiesUntilItIsTamperedWithAndEachTamperingIsNamedByPosition() throws Exception {
        long head = head();
        assertThat(head).isGreaterThan(88);
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpointSize() == head);
        Path state = Files.createTempDirectory(dataDir, "verifier").resolve("checkpoint");

        Run ok = verify("--state", state.toString());

        System.out.println("Verified the seeded ledger (" + head + " events) in " + ok.millis() + " ms:\n" + ok);
        assertThat(ok.status()).as(ok.toString()).isZero();
        assertThat(ok.verdict()).startsWith("OK: " + identity.origin() + " size " + head + " root ")
                .endsWith(", " + head + " leaves and " + head + " payloads checked (0 withheld)");
        assertThat(Files.readString(state)).isEqualTo(api.get("/tlog/checkpoint", null).body());

        // Edit one stored payload behind the app's back: the first event of a commit in the middle.
        Document commit = events().find(Filters.gte("_id", head / 2)).sort(Sorts.ascending("_id")).limit(1).first();
        assertThat(commit).isNotNull();
        long position = ((Number) commit.get("_id")).longValue();
        String payload = commit.getList("events", Document.class).get(0).getString("payload");
        assertThat(payload).isNotNull();
        assertThat(events().updateOne(Filters.eq("_id", commit.get("_id")),
                Updates.set("events.0.payload", payload + " ")).getModifiedCount()).isEqualTo(1);

        Run tampered = verify("--state", state.toString());

        assertThat(tampered.status()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.verdict()).startsWith("FAILED at ledger position " + position + ": payload hash mismatch");

        // The app finds it too: the audit names the position, health goes DOWN, signing stops.
        HttpLedger.Answer audit = api.post("/api/admin/tlog/audit", ADMIN, Map.of());
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.json()).containsEntry("intact", false);
        assertThat(((Number) audit.json().get("problemPosition")).longValue()).isEqualTo(position);
        HttpLedger.Answer health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(503);
        Map<String, Object> tlog = component(health, "tlog");
        assertThat(tlog).containsEntry("status", "DOWN");
        assertThat(((Number) details(tlog).get("position")).longValue()).isEqualTo(position);
        long signedBefore = checkpointSize();
        String recorder = api.token(ADMIN, "vera-after-tamper", "recorder");
        assertThat(api.post("/api/job-cut-announcements", recorder, Map.of("providerId", "purple-futures",
                "announcedOn", "2016-02-21", "crcs", List.of(Map.of("crcId", "west-yorkshire")), "totalPosts", 3,
                "description", "recorded after the tampering", "sources", List.of(source("Verifier test"))))
                .status()).isEqualTo(201);
        assertThat(head()).isGreaterThan(signedBefore);
        // Ten checkpoint intervals pass and no checkpoint is signed over the new entry.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> checkpointSize() == signedBefore);

        // Put the payload back; delete another commit instead: the verifier names the first missing position.
        events().updateOne(Filters.eq("_id", commit.get("_id")), Updates.set("events.0.payload", payload));
        Document deleted = events().find(Filters.gte("_id", head / 4)).sort(Sorts.ascending("_id")).limit(1).first();
        long deletedAt = ((Number) deleted.get("_id")).longValue();
        events().deleteOne(Filters.eq("_id", deleted.get("_id")));

        Run missing = verify();

        assertThat(missing.status()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.verdict()).startsWith("FAILED at ledger position " + deletedAt + ":").contains("deleted");

        // Put it back; swap two single-event commits: the verifier names the first of them.
        events().insertOne(deleted);
        List<Document> pair = events().find(Filters.gte("_id", head / 3)).sort(Sorts.ascending("_id")).limit(8)
                .into(new java.util.ArrayList<>()).stream()
                .filter(d -> d.getList("events", Document.class).size() == 1).limit(2).toList();
        assertThat(pair).hasSize(2);
        Object first = pair.get(0).get("_id");
        Object second = pair.get(1).get("_id");
        events().deleteMany(Filters.in("_id", List.of(first, second)));
        Document movedUp = new Document(pair.get(1));
        movedUp.put("_id", first);
        Document movedDown = new Document(pair.get(0));
        movedDown.put("_id", second);
        events().insertMany(List.of(movedUp, movedDown));

        Run swapped = verify();

        assertThat(swapped.status()).as(swapped.toString()).isEqualTo(1);
        assertThat(swapped.verdict()).startsWith("FAILED at ledger position " + first + ":");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(HttpLedger.Answer health, String name) {
        return (Map<String, Object>) ((Map<String, Object>) health.json().get("components")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> component) {
        return (Map<String, Object>) component.get("details");
    }
}
