package uk.crcledger.api.reliability;

import uk.crcledger.api.testing.TestDirectories;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.reliability.HostileCorpus.Kind;
import uk.crcledger.api.reliability.HostileCorpus.Probe;
import uk.crcledger.api.reliability.HostileHttp.Answer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.api.reliability.HostileCorpus.obj;
import static uk.crcledger.api.reliability.HostileCorpus.source;

/**
 * Thousands of hostile requests (a deterministic corpus, {@link HostileCorpus}) against every write
 * endpoint with a valid token and the read endpoints with bad ids and parameters: the ledger answers
 * every one with a 4xx problem (never a 5xx), stores nothing, and stays healthy.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIntegrationTest {

    private static final String ADMIN = "admin.hostile-input-secret-0123456789";

    private static final Path dataDir = TestDirectories.temporary("ledger-hostile-test");


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    private HostileHttp api;
    private String editor;
    private String liveEntry;
    private String retractedEntry;
    private final CapturedErrors errors = new CapturedErrors();

    @BeforeAll
    void aLedgerWithRealTargets() {
        api = new HostileHttp(port);
        editor = api.token(ADMIN, "eddie-editor", "editor");
        expect(api.postJson("/api/crcs", editor, obj("crcId", "west-yorkshire", "name", "West Yorkshire")), 201);
        expect(api.postJson("/api/providers", editor, obj("providerId", "purple-futures", "name", "Purple Futures",
                "kind", "private-led consortium", "members", List.of("Interserve", "3SC"))), 201);
        expect(api.postJson("/api/contract-awards", editor, obj("crcId", "west-yorkshire", "providerId",
                "purple-futures", "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                "sources", List.of(source()))), 201);
        liveEntry = (String) expect(api.postJson("/api/job-cut-announcements", editor, jobCut("the live target")), 201)
                .json().get("entryId");
        // A second job cut, retracted: the "late poison" target of corrections and retractions.
        retractedEntry = (String) expect(api.postJson("/api/job-cut-announcements", editor,
                jobCut("the retracted target")), 201).json().get("entryId");
        expect(api.postJson("/api/entries/" + retractedEntry + "/retraction", editor, obj("reason", "setup")), 200);
        errors.attach();
    }

    @AfterAll
    void detach() {
        errors.detach();
    }

    private static Map<String, Object> jobCut(String description) {
        return obj("providerId", "purple-futures", "announcedOn", "2016-01-20",
                "crcs", List.of(obj("crcId", "west-yorkshire")), "totalPosts", 100, "description", description,
                "sources", List.of(source()));
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    record Outcome(Probe probe, Answer answer, List<String> logged, long micros) {
    }

    @Test
    void answersEveryHostileRequestWithAProblemStoresNothingAndStaysHealthy() {
        List<Probe> corpus = new HostileCorpus(editor, ADMIN, liveEntry, retractedEntry).build();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(corpus.stream().map(Probe::name).distinct().count()).as("probe names are unique")
                .isEqualTo(corpus.size());

        long eventsBefore = count("events");
        long tokensBefore = count("api_tokens");
        List<Document> tokenDocumentsBefore = documents("api_tokens");
        List<Object> projectionBefore = projectionVersions();
        long keysBefore = count("idempotency_keys");
        Object timelineBefore = api.get("/api/crcs/west-yorkshire/timeline", null).json().get("total");
        Object liveBefore = api.get("/api/entries/" + liveEntry, null).json().get("revisions");

        long started = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (Probe probe : corpus) {
            errors.clear();
            long t0 = System.nanoTime();
            Answer answer = api.send(probe.method(), probe.path(), probe.token(), probe.body(), probe.contentType(),
                    probe.headers(), probe.chunked());
            long micros = (System.nanoTime() - t0) / 1_000;
            outcomes.add(new Outcome(probe, answer, errors.drain(), micros));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<Integer, Long> histogram = outcomes.stream().collect(Collectors.groupingBy(o -> o.answer().status(),
                TreeMap::new, Collectors.counting()));
        System.out.println("HOSTILE INPUT SUMMARY: " + corpus.size() + " requests ("
                + corpus.stream().filter(p -> p.kind() == Kind.WRITE).count() + " writes, "
                + corpus.stream().filter(p -> p.kind() == Kind.READ).count() + " reads) in " + millis
                + " ms; by status " + histogram);
        outcomes.stream().sorted(java.util.Comparator.comparingLong(Outcome::micros).reversed()).limit(5)
                .forEach(o -> System.out.println("    slowest: " + o.micros() / 1000 + " ms " + o.answer().status()
                        + " " + o.probe().name()));

        List<Outcome> serverErrors = outcomes.stream().filter(o -> o.answer().status() >= 500).toList();
        List<Outcome> transportFailures = outcomes.stream().filter(o -> o.answer().status() == 0).toList();
        List<Outcome> storedOrAccepted = outcomes.stream()
                .filter(o -> o.probe().kind() == Kind.WRITE && o.answer().status() < 400 && o.answer().status() > 0)
                .toList();
        List<Outcome> notProblems = outcomes.stream().filter(o -> o.answer().status() >= 400
                && o.answer().status() < 500 && !isProblem(o.answer())).toList();

        report("SERVER ERROR (5xx)", serverErrors);
        report("TRANSPORT FAILURE", transportFailures);
        report("WRITE NOT REFUSED", storedOrAccepted);
        report("4xx NOT A PROBLEM", notProblems);

        // Nothing stored, the timeline and the live entry as they were.
        assertThat(count("events")).as("events stored").isEqualTo(eventsBefore);
        assertThat(count("api_tokens")).as("tokens stored").isEqualTo(tokensBefore);
        assertThat(documents("api_tokens")).as("tokens, none revoked").isEqualTo(tokenDocumentsBefore);
        assertThat(projectionVersions()).as("projection versions, not rebuilt").isEqualTo(projectionBefore);
        assertThat(count("idempotency_keys")).as("idempotency keys kept").isEqualTo(keysBefore);
        assertThat(api.get("/api/crcs/west-yorkshire/timeline", null).json().get("total")).isEqualTo(timelineBefore);
        assertThat(api.get("/api/entries/" + liveEntry, null).json().get("revisions")).isEqualTo(liveBefore);

        assertThat(serverErrors.stream().map(o -> o.probe().name()).toList()).as("5xx answers").isEmpty();
        assertThat(transportFailures.stream().map(o -> o.probe().name()).toList()).as("no answer at all").isEmpty();
        assertThat(storedOrAccepted.stream().map(o -> o.probe().name()).toList()).as("writes not refused").isEmpty();
        assertThat(notProblems.stream().map(o -> o.probe().name()).toList()).as("4xx not problem+json").isEmpty();

        // Still healthy, and still recording.
        Answer health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "UP");
        assertThat(api.get("/api/crcs/west-yorkshire", null).status()).isEqualTo(200);
        Answer valid = api.postJson("/api/job-cut-announcements", editor, jobCut("after the storm"));
        assertThat(valid.status()).as(valid.body()).isEqualTo(201);
        assertThat(count("events")).isEqualTo(eventsBefore + 1);
        assertThat(millis).as("corpus run time (ms)").isLessThan(50_000);
    }

    /** problem+json with a numeric status equal to the answer's. */
    private static boolean isProblem(Answer answer) {
        String type = answer.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return false;
        }
        try {
            Object status = answer.json().get("status");
            return status instanceof Number n && n.intValue() == answer.status();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private long count(String collection) {
        return database.getCollection(collection).countDocuments();
    }

    /** The read model's active and building versions: a rebuild would change them. */
    private List<Object> projectionVersions() {
        @SuppressWarnings("unchecked")
        Map<String, Object> status = ((List<Map<String, Object>>) api.get("/api/admin/projections", ADMIN).json()
                .get("items")).get(0);
        return java.util.Arrays.asList(status.get("activeVersion"), status.get("buildingVersion"), status.get("state"));
    }

    private List<Document> documents(String collection) {
        return database.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private static void report(String what, List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            System.out.println(what + ": " + o.answer().status() + " " + o.probe().name());
            System.out.println("    request: " + o.probe().describe());
            System.out.println("    answer: " + o.answer().contentType() + " "
                    + HostileCorpus.printable(o.answer().body())
                    + (o.answer().transportError() == null ? "" : " transport: " + o.answer().transportError()));
            o.logged().forEach(line -> System.out.println("    logged: " + line.replace("\n", "\n    ")));
        }
    }

    /** ERROR (and WARN with a throwable) log events of the app while a probe runs, with their stack traces. */
    static final class CapturedErrors extends AppenderBase<ILoggingEvent> {

        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        void attach() {
            setName("hostile-input-errors");
            setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
            start();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(this);
        }

        void detach() {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)
                    || (event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableProxy() != null)) {
                lines.add(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? ""
                        : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        }

        void clear() {
            lines.clear();
        }

        List<String> drain() {
            List<String> out = new ArrayList<>(lines);
            lines.clear();
            return out;
        }
    }
}
