package uk.crcledger.api.bench;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.store.MongoIdempotencyKeys;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * 1,000 distinct POSTs (job cuts and inspection findings, by 4 recorders), each sent 4 times (the
 * original and 3 retries) with the same {@code Idempotency-Key}, by 16 clients at once: half of the
 * keys' sends queued side by side so they race, the other half shuffled so retries also come late.
 * A send answered 409 "Request in progress" (the first is still running; the answer has no
 * Retry-After) is retried after a growing pause, as a client would. Then exactly 1,000 entries exist (stored commits, idempotency keys,
 * timelines), exactly one send per key ran the request, and every retry got the first answer: same
 * status, Location and body. Prints a table and writes {@code target/bench/idempotency.json}.
 * Run: {@code mvn -B -pl ledger-api -am -Pbench test -Dtest=IdempotencyBenchmark} ({@code bench.keys},
 * {@code bench.idempotency.clients} to change the figures).
 */
@Tag("bench")
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyBenchmark {

    private static final String ADMIN = "admin.idempotency-bench-secret-0123456789";
    private static final String PROVIDER = "idem-provider";
    private static final List<String> CRCS = List.of("idem-north", "idem-south");
    private static final int SENDS_PER_KEY = 4;
    private static final int RECORDERS = 4;

    private static final Path dataDir = TestDirectories.temporary("ledger-idempotency-bench");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ledgerDatabase")
    MongoDatabase database;

    private HttpLedger api;
    private final List<String> recorders = new ArrayList<>();

    @BeforeAll
    void referenceFacts() {
        api = new HttpLedger(port);
        for (int i = 0; i < RECORDERS; i++) {
            recorders.add(api.token(ADMIN, "idem-recorder-" + i, "recorder"));
        }
        expect(api.post("/api/providers", ADMIN, Map.of("providerId", PROVIDER, "name", "Idempotent Futures")), 201);
        for (String crc : CRCS) {
            expect(api.post("/api/crcs", ADMIN, Map.of("crcId", crc, "name", "CRC " + crc)), 201);
            expect(api.post("/api/contract-awards", ADMIN, Map.of("crcId", crc, "providerId", PROVIDER,
                    "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                    "sources", List.of(source("PQ 221779")))), 201);
        }
    }

    /** The k-th request: where it goes and its body (distinct for every k). */
    private record Request(String path, String body, List<String> crcs, String type) {
    }

    private static Request request(int k) {
        List<String> crcs = switch (k % 3) {
            case 0 -> List.of(CRCS.get(0));
            case 1 -> List.of(CRCS.get(1));
            default -> CRCS;
        };
        if (k % 2 == 0) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("providerId", PROVIDER);
            body.put("announcedOn", "2016-01-20");
            body.put("crcs", crcs.stream().map(c -> Map.of("crcId", c)).toList());
            body.put("totalPosts", 1 + k);
            body.put("description", "retried announcement " + k);
            body.put("sources", List.of(source("Napo/UNISON joint newsletter " + k)));
            return new Request("/api/job-cut-announcements", HttpLedger.JSON.writeValueAsString(body), crcs,
                    "job-cut-announcement");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Inspection " + k);
        body.put("publishedOn", "2019-02-15");
        body.put("crcIds", crcs);
        body.put("rating", List.of("good", "requires-improvement", "inadequate").get(k % 3));
        body.put("findings", "retried finding " + k);
        body.put("sources", List.of(source("HMIP report " + k)));
        return new Request("/api/inspection-findings", HttpLedger.JSON.writeValueAsString(body), crcs,
                "inspection-finding");
    }

    private record Send(int key, int attempt) {
    }

    /** A send's last answer (after waiting out 409 in progress), how many 409s it waited out, how long it took. */
    private record Final(int attempt, Answer answer, int waits, long micros) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyRetryIsAnsweredAsTheFirstAndEachKeyStoresOneEntry() throws Exception {
        int keys = Integer.getInteger("bench.keys", 1_000);
        int clients = Integer.getInteger("bench.idempotency.clients", 16);
        long seed = Long.getLong("bench.seed", 42);
        Map<String, Long> timelinesBefore = timelineTotals();
        long commitsBefore = database.getCollection("events").countDocuments();
        long keysBefore = database.getCollection(MongoIdempotencyKeys.COLLECTION).countDocuments();
        double replaysBefore = replayCounter();

        // Half the keys: their sends side by side in the queue, so that 16 clients mostly run them at
        // once. The other half: shuffled among each other, so retries also come after the first answer.
        List<Send> sends = new ArrayList<>();
        List<Send> late = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            for (int a = 0; a < SENDS_PER_KEY; a++) {
                (k % 2 == 0 ? sends : late).add(new Send(k, a));
            }
        }
        Random random = new Random(seed);
        Collections.shuffle(late, random);
        List<Send> order = new ArrayList<>(sends.size() + late.size());
        for (int i = 0, j = 0; i < sends.size() || j < late.size(); ) {
            // Interleave the two halves in blocks so both run throughout.
            for (int b = 0; b < 16 && i < sends.size(); b++) {
                order.add(sends.get(i++));
            }
            for (int b = 0; b < 16 && j < late.size(); b++) {
                order.add(late.get(j++));
            }
        }
        Map<Integer, Request> requests = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            requests.put(k, request(k));
        }

        Map<Integer, List<Final>> finals = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger inProgress = new AtomicInteger();
        ThreadLocal<HttpLedger> http = ThreadLocal.withInitial(() -> new HttpLedger(port));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (Send send : order) {
            done.add(pool.submit(() -> {
                go.await();
                Request request = requests.get(send.key());
                String token = recorders.get(send.key() % RECORDERS);
                Map<String, String> headers = Map.of("Idempotency-Key", "bench-key-" + send.key());
                long t0 = System.nanoTime();
                long deadline = t0 + Duration.ofSeconds(60).toNanos();
                Random pause = new Random(send.key() * 7L + send.attempt());
                int waits = 0;
                while (true) {
                    Answer answer = http.get().post(request.path(), token, request.body(), headers);
                    if (isInProgress(answer) && System.nanoTime() < deadline) {
                        inProgress.incrementAndGet();
                        waits++;
                        // Back off as a client would: 20, 40, 80, then 160 ms, with some jitter.
                        Thread.sleep((10L << Math.min(waits, 4)) + pause.nextInt(10));
                        continue;
                    }
                    if (answer.status() != 201) {
                        unexpected.add("key " + send.key() + " send " + send.attempt() + ": " + answer);
                    }
                    finals.computeIfAbsent(send.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(new Final(send.attempt(), answer, waits, (System.nanoTime() - t0) / 1_000));
                    return null;
                }
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        long sendingMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        pool.shutdown();

        assertThat(unexpected).as("answers other than 201 (after waiting out 409 in progress)").isEmpty();
        Map<String, Integer> entryIds = new HashMap<>();
        Map<String, Integer> expectedOn = new TreeMap<>();
        int replayed = 0;
        int keysRaced = 0;
        List<Long> latencies = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            List<Final> answers = finals.get(k);
            assertThat(answers).as("answers for key %d", k).hasSize(SENDS_PER_KEY);
            List<Final> ran = answers.stream().filter(a -> a.answer().header("idempotent-replayed") == null).toList();
            assertThat(ran).as("sends of key %d that ran the request (not replayed)", k).hasSize(1);
            Answer first = ran.get(0).answer();
            JsonNode firstBody = HttpLedger.JSON.readTree(first.body());
            for (Final f : answers) {
                Answer answer = f.answer();
                latencies.add(f.micros());
                assertThat(answer.status()).as("status, key %d", k).isEqualTo(first.status());
                assertThat(answer.header("location")).as("Location, key %d", k).isEqualTo(first.header("location"));
                assertThat(answer.contentType()).as("Content-Type, key %d", k).isEqualTo(first.contentType());
                assertThat(HttpLedger.JSON.readTree(answer.body())).as("body, key %d send %d", k, f.attempt())
                        .isEqualTo(firstBody);
                if (answer != first) {
                    assertThat(answer.header("idempotent-replayed")).isEqualTo("true");
                    replayed++;
                }
            }
            if (answers.stream().anyMatch(a -> a.waits() > 0)) {
                keysRaced++;
            }
            String entryId = firstBody.get("entryId").asString();
            assertThat(entryIds.put(entryId, k)).as("entry %s answered for two keys", entryId).isNull();
            assertThat(first.header("location")).isEqualTo("/api/entries/" + entryId);
            Request request = requests.get(k);
            request.crcs().forEach(crc -> expectedOn.merge(crc + " " + request.type(), 1, Integer::sum));
        }
        assertThat(entryIds).hasSize(keys);

        // Exactly one entry per key: one commit each, one kept answer each, on the timelines once.
        long commits = database.getCollection("events").countDocuments() - commitsBefore;
        long keptKeys = database.getCollection(MongoIdempotencyKeys.COLLECTION).countDocuments() - keysBefore;
        long doneKeys = database.getCollection(MongoIdempotencyKeys.COLLECTION)
                .countDocuments(Filters.eq("state", "done"));
        assertThat(commits).as("commits stored").isEqualTo(keys);
        assertThat(keptKeys).as("idempotency keys kept").isEqualTo(keys);
        assertThat(doneKeys).as("idempotency keys answered").isEqualTo(keptKeys + keysBefore);
        awaitReadModelCaughtUp();
        Map<String, Long> timelinesAfter = timelineTotals();
        for (Map.Entry<String, Integer> expected : expectedOn.entrySet()) {
            assertThat(timelinesAfter.get(expected.getKey()) - timelinesBefore.get(expected.getKey()))
                    .as("new %s", expected.getKey()).isEqualTo((long) expected.getValue());
        }
        Set<String> listed = timelineEntryIds();
        assertThat(listed).as("every answered entry is on its timelines").containsAll(entryIds.keySet());
        double replays = replayCounter() - replaysBefore;
        assertThat(Math.round(replays)).as("ledger_idempotent_replays_total").isEqualTo(replayed);

        long p50 = percentile(latencies, 50);
        long p99 = percentile(latencies, 99);
        int maxWaits = finals.values().stream().flatMap(List::stream).mapToInt(Final::waits).max().orElse(0);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("keys", keys);
        results.put("sendsPerKey", SENDS_PER_KEY);
        results.put("clients", clients);
        results.put("requests", keys * SENDS_PER_KEY);
        results.put("entriesStored", commits);
        results.put("firstAnswers", keys);
        results.put("replayedAnswers", replayed);
        results.put("answersDiffering", 0);
        results.put("inProgress409", inProgress.get());
        results.put("keysWithA409", keysRaced);
        results.put("max409sForOneSend", maxWaits);
        results.put("sendingMs", sendingMs);
        results.put("requestsPerSecond", Math.round(keys * SENDS_PER_KEY / (sendingMs / 1000.0)));
        results.put("latencyMsP50", p50 / 1000.0);
        results.put("latencyMsP99", p99 / 1000.0);
        results.put("entriesByTimeline", expectedOn.toString());
        ReliabilityReport.write("idempotency", results);
    }

    private static boolean isInProgress(Answer answer) {
        if (answer.status() != 409 || answer.contentType() == null
                || !answer.contentType().startsWith("application/problem+json")) {
            return false;
        }
        Map<String, Object> problem = answer.json();
        return "Request in progress".equals(problem.get("title")) && "Idempotency-Key".equals(problem.get("field"));
    }

    /** Each CRC's timeline total per entry type. */
    private Map<String, Long> timelineTotals() {
        Map<String, Long> totals = new TreeMap<>();
        for (String crc : CRCS) {
            for (String type : List.of("job-cut-announcement", "inspection-finding")) {
                Answer page = expect(api.get("/api/crcs/" + crc + "/timeline?type=" + type + "&size=1", null), 200);
                totals.put(crc + " " + type, ((Number) page.json().get("total")).longValue());
            }
        }
        return totals;
    }

    @SuppressWarnings("unchecked")
    private Set<String> timelineEntryIds() {
        Map<String, Integer> seen = new HashMap<>();
        for (String crc : CRCS) {
            for (int page = 0; ; page++) {
                Map<String, Object> answer = expect(api.get("/api/crcs/" + crc + "/timeline?size=200&page=" + page,
                        null), 200).json();
                for (Map<String, Object> item : (List<Map<String, Object>>) answer.get("items")) {
                    if (item.get("entryId") != null && !"contract-award".equals(item.get("type"))) {
                        seen.merge(crc + " " + item.get("entryId"), 1, Integer::sum);
                    }
                }
                if (answer.get("next") == null) {
                    break;
                }
            }
        }
        assertThat(seen.values()).as("each entry once on each of its timelines").allMatch(n -> n == 1);
        return seen.keySet().stream().map(s -> s.substring(s.indexOf(' ') + 1)).collect(Collectors.toSet());
    }

    /** ledger_idempotent_replays_total as Prometheus shows it. */
    private double replayCounter() {
        String metrics = expect(api.get("/actuator/prometheus", null), 200).body();
        return metrics.lines().filter(l -> l.startsWith("ledger_idempotent_replays_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void awaitReadModelCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, Object> status = expect(api.get("/api/admin/projections", ADMIN), 200).items().get(0);
            if ("live".equals(status.get("state")) && ((Number) status.get("position")).longValue()
                    >= ((Number) status.get("headPosition")).longValue()) {
                return;
            }
            assertThat(System.nanoTime()).as("read model caught up: %s", status).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }
}
