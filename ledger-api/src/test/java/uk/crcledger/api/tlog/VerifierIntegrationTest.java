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
 * HTTP) verifies once the checkpoint covers it; after one stored payload is edited behind the app's
 * back, straight in MongoDB, the verifier fails naming that position.
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
    void theLedgerVerifiesUntilAStoredPayloadIsEdited() throws Exception {
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
    }
}
