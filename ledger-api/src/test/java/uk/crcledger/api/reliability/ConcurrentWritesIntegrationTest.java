package uk.crcledger.api.reliability;

import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.api.testing.HttpLedger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.timeline.LedgerReadModel;
import uk.crcledger.timeline.Timeline;
import uk.crcledger.timeline.TimelineItem;
import uk.crcledger.timeline.TimelineFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * Many writers at once over HTTP, the app on a random port with the embedded store and no seed:
 * concurrent corrections of the same entries lose no update and concurrent recordings are each
 * stored once; the read model after a rebuild (a sequential replay of the stored events) equals
 * the one built while the writes raced; retried POSTs with one Idempotency-Key store one entry and
 * all answer as the first did.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentWritesIntegrationTest {

    private static final String ADMIN = "admin.concurrent-writes-secret-0123456789";
    private static final String PROVIDER = "cw-provider";
    private static final String NORTH = "cw-north";
    private static final String SOUTH = "cw-south";
    private static final String RETRY_CRC = "cw-retry";
    private static final String JOB_CUT = "job-cut-announcement";

    private static final int CLIENTS = 16;
    private static final int ROUNDS = 4;
    private static final int TARGETS = 4;
    private static final int KEYS = 200;
    private static final int SENDS_PER_KEY = 3;
    private static final int RECORDERS = 4;

    private static final Path dataDir = TestDirectories.temporary("ledger-concurrent-test");


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    LedgerReadModel readModel;

    private HttpLedger api;
    private final List<String> editors = new ArrayList<>();
    private final List<String> recorders = new ArrayList<>();

    @BeforeAll
    void tokensAndReferenceFacts() {
        api = new HttpLedger(port);
        for (int i = 0; i < CLIENTS; i++) {
            editors.add(api.token(ADMIN, "cw-editor-" + i, "editor"));
        }
        for (int i = 0; i < RECORDERS; i++) {
            recorders.add(api.token(ADMIN, "cw-recorder-" + i, "recorder"));
        }
        String editor = editors.get(0);
        Answer provider = api.post("/api/providers", editor, Map.of("providerId", PROVIDER, "name",
                "Concurrent Futures", "kind", "private-led consortium", "members", List.of("A Ltd", "B Ltd")));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        for (String crc : List.of(NORTH, SOUTH, RETRY_CRC)) {
            Answer registered = api.post("/api/crcs", editor, Map.of("crcId", crc, "name", "CRC " + crc));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            Answer award = api.post("/api/contract-awards", editor, Map.of("crcId", crc, "providerId", PROVIDER,
                    "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                    "sources", List.of(source("PQ 221779"))));
            assertThat(award.status()).as(award.body()).isEqualTo(201);
        }
    }

    private static Map<String, Object> jobCuts(List<String> crcs, int totalPosts, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("providerId", PROVIDER);
        body.put("announcedOn", "2016-01-20");
        body.put("crcs", crcs.stream().map(c -> Map.of("crcId", c)).toList());
        body.put("totalPosts", totalPosts);
        body.put("description", description);
        body.put("sources", List.of(source("Napo/UNISON joint newsletter")));
        return body;
    }

    /** One HTTP exchange of a concurrent run, kept for the assertions afterwards. */
    private record Exchange(String kind, int client, String entryId, int value, List<String> crcs, Answer answer) {
    }

    // ---- 1. concurrent corrections and recordings --------------------------------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentCorrectionsAndRecordingsLoseNothingAndMatchASequentialReplay() throws Exception {
        long started = System.nanoTime();
        List<String> targets = new ArrayList<>();
        for (int t = 0; t < TARGETS; t++) {
            Answer created = api.post("/api/job-cut-announcements", editors.get(0),
                    jobCuts(List.of(NORTH, SOUTH), 100 + t, "contested figure " + t));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            targets.add((String) created.json().get("entryId"));
        }

        ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            String token = editors.get(client);
            clients.add(pool.submit(() -> {
                HttpLedger http = new HttpLedger(port);
                Random random = new Random(client);
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                    List<Integer> order = new ArrayList<>();
                    for (int t = 0; t < TARGETS; t++) {
                        order.add(t);
                    }
                    Collections.shuffle(order, random);
                    for (int t : order) {
                        // Distinct for every (client, round, target): no correction repeats a value.
                        int value = 10_000 + client * 100 + round * 10 + t;
                        String entryId = targets.get(t);
                        Answer answer = http.post("/api/entries/" + entryId + "/corrections", token,
                                Map.of("changes", Map.of("totalPosts", value),
                                        "reason", "client " + client + " round " + round));
                        exchanges.add(new Exchange("correction", client, entryId, value, List.of(), answer));
                    }
                    List<String> crcs = switch ((client + round) % 3) {
                        case 0 -> List.of(NORTH);
                        case 1 -> List.of(SOUTH);
                        default -> List.of(NORTH, SOUTH);
                    };
                    int posts = 500 + client * 10 + round;
                    Answer answer = http.post("/api/job-cut-announcements", token,
                            jobCuts(crcs, posts, "cuts by client " + client + " round " + round));
                    exchanges.add(new Exchange("recording", client, null, posts, crcs, answer));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> client : clients) {
            client.get(50, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long writesDone = System.nanoTime();

        // Every answer is a success or a clean refusal, never a server error.
        Map<String, Integer> statusCounts = new TreeMap<>();
        for (Exchange e : exchanges) {
            statusCounts.merge(e.kind() + " " + e.answer().status(), 1, Integer::sum);
        }
        System.out.printf("[concurrent-writes] %d exchanges in %d ms: %s%n", exchanges.size(),
                Duration.ofNanos(writesDone - started).toMillis(), statusCounts);
        assertThat(exchanges).hasSize(CLIENTS * ROUNDS * (TARGETS + 1));
        for (Exchange e : exchanges) {
            int status = e.answer().status();
            int success = "correction".equals(e.kind()) ? 200 : 201;
            if (status != success) {
                assertThat(status).as("%s by client %d: %s", e.kind(), e.client(), e.answer()).isIn(409, 422);
                assertThat(e.answer().contentType()).as("%s: %s", e.kind(), e.answer())
                        .startsWith("application/problem+json");
                assertThat(e.answer().json()).containsKeys("title", "detail", "status");
            }
        }

        // No lost update: each corrected entry has one revision per successful correction, each
        // successful value exactly once, and the current facts are those of its last revision.
        Map<String, List<Integer>> succeeded = new HashMap<>();
        for (Exchange e : exchanges) {
            if ("correction".equals(e.kind()) && e.answer().status() == 200) {
                succeeded.computeIfAbsent(e.entryId(), k -> new ArrayList<>()).add(e.value());
            }
        }
        for (String entryId : targets) {
            List<Integer> values = succeeded.getOrDefault(entryId, List.of());
            Answer entry = api.get("/api/entries/" + entryId, null);
            assertThat(entry.status()).as(entry.body()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> revisions = (List<Map<String, Object>>) entry.json().get("revisions");
            assertThat(revisions).as("revisions of %s", entryId).hasSize(1 + values.size());
            List<Integer> revised = revisions.stream().skip(1).map(ConcurrentWritesIntegrationTest::totalPostsOf)
                    .toList();
            assertThat(revised).as("values of the corrections of %s", entryId)
                    .containsExactlyInAnyOrderElementsOf(values);
            Integer last = totalPostsOf(revisions.get(revisions.size() - 1));
            assertThat(number(entry.json().get("totalPosts"))).as("current totalPosts of %s", entryId)
                    .isEqualTo(last);
            assertThat(entry.json()).containsEntry("status", values.isEmpty() ? "active" : "corrected");
        }

        // Every recorded entry is on its CRCs' timelines exactly once, and nothing else is.
        Map<String, List<String>> expectedOn = new HashMap<>();
        expectedOn.put(NORTH, new ArrayList<>(targets));
        expectedOn.put(SOUTH, new ArrayList<>(targets));
        for (Exchange e : exchanges) {
            if ("recording".equals(e.kind()) && e.answer().status() == 201) {
                String entryId = (String) e.answer().json().get("entryId");
                assertThat(e.answer().header("location")).isEqualTo("/api/entries/" + entryId);
                e.crcs().forEach(crc -> expectedOn.get(crc).add(entryId));
            }
        }
        awaitReadModelCaughtUp();
        for (String crc : List.of(NORTH, SOUTH)) {
            List<String> onTimeline = jobCutIdsOn(crc);
            assertThat(onTimeline).as("job cuts on %s", crc).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedOn.get(crc));
            Answer page = api.get("/api/crcs/" + crc + "/timeline?type=" + JOB_CUT + "&size=200", null);
            assertThat(page.json().get("total")).as("HTTP total on %s", crc).isEqualTo(expectedOn.get(crc).size());
        }

        // A rebuild replays the stored events one after another: it must give the same read model.
        Map<String, Object> before = readModelSnapshot();
        long rebuildStarted = System.nanoTime();
        rebuildAndAwaitLive();
        Map<String, Object> after = readModelSnapshot();
        long rebuilt = System.nanoTime();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String key : before.keySet()) {
            assertThat(after.get(key)).as("read model %s after the rebuild", key).isEqualTo(before.get(key));
        }
        System.out.printf("[concurrent-writes] corrections stored per entry %s; rebuild %d ms; %d read-model"
                        + " documents compared; test %d ms%n",
                targets.stream().collect(Collectors.toMap(t -> t, t -> succeeded.getOrDefault(t, List.of()).size(),
                        (a, b) -> a, LinkedHashMap::new)),
                Duration.ofNanos(rebuilt - rebuildStarted).toMillis(), before.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    // ---- 1b. corrections racing a retraction: the refusals ----------------------------------------

    /**
     * The corrections above are all accepted (the command side serialises them per entry), so no
     * refusal is seen there. Here the 16 clients correct an entry that one of them retracts: every
     * correction that comes after the retraction, and a second retraction, is refused, each as a clean
     * 409 or 422 problem, and the entry keeps exactly the accepted corrections, all before the retraction.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @SuppressWarnings("unchecked")
    void correctionsRacingARetractionAreAcceptedOrRefusedCleanlyAndNoneIsLost() throws Exception {
        String crc = "cw-contested";
        expectStatus(api.post("/api/crcs", editors.get(0), Map.of("crcId", crc, "name", "CRC " + crc)), 201);
        expectStatus(api.post("/api/contract-awards", editors.get(0), Map.of("crcId", crc, "providerId", PROVIDER,
                "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                "sources", List.of(source("PQ 221779")))), 201);
        String entryId = (String) expectStatus(api.post("/api/job-cut-announcements", editors.get(0),
                jobCuts(List.of(crc), 100, "contested and retracted")), 201).json().get("entryId");

        ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch raced = new CountDownLatch(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                HttpLedger http = new HttpLedger(port);
                String token = editors.get(client);
                start.await();
                for (int n = 0; n < 4; n++) {
                    if (client == 0 && n == 1) {
                        exchanges.add(new Exchange("retraction", client, entryId, 0, List.of(), http.post(
                                "/api/entries/" + entryId + "/retraction", token, Map.of("reason", "recorded twice"))));
                    }
                    int value = 20_000 + client * 10 + n;
                    exchanges.add(new Exchange("correction", client, entryId, value, List.of(), http.post(
                            "/api/entries/" + entryId + "/corrections", token,
                            Map.of("changes", Map.of("totalPosts", value), "reason", "client " + client))));
                }
                raced.countDown();
                raced.await();
                // Now the retraction is stored: one more correction each, and a second retraction.
                int value = 30_000 + client;
                exchanges.add(new Exchange("late correction", client, entryId, value, List.of(), http.post(
                        "/api/entries/" + entryId + "/corrections", token,
                        Map.of("changes", Map.of("totalPosts", value), "reason", "too late"))));
                if (client == 1) {
                    exchanges.add(new Exchange("second retraction", client, entryId, 0, List.of(), http.post(
                            "/api/entries/" + entryId + "/retraction", token, Map.of("reason", "again"))));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> client : clients) {
            client.get(50, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<String, Integer> statusCounts = new TreeMap<>();
        List<Integer> accepted = new ArrayList<>();
        int refused = 0;
        for (Exchange e : exchanges) {
            int status = e.answer().status();
            statusCounts.merge(e.kind() + " " + status, 1, Integer::sum);
            if (status == 200) {
                assertThat(e.kind()).as("accepted: %s", e.answer()).isIn("correction", "retraction");
                if (e.kind().equals("correction")) {
                    accepted.add(e.value());
                }
                continue;
            }
            refused++;
            assertThat(e.kind()).as("refused: %s", e.answer()).isNotEqualTo("retraction");
            assertThat(status).as("%s by client %d: %s", e.kind(), e.client(), e.answer()).isIn(409, 422);
            assertThat(e.answer().contentType()).as("%s: %s", e.kind(), e.answer())
                    .startsWith("application/problem+json");
            Map<String, Object> problem = e.answer().json();
            assertThat(problem).containsKeys("title", "detail", "status");
            assertThat(number(problem.get("status"))).isEqualTo(status);
        }
        System.out.printf("[concurrent-writes] corrections racing a retraction: %s%n", statusCounts);
        assertThat(refused).as("refusals (every late correction and the second retraction)")
                .isGreaterThanOrEqualTo(CLIENTS + 1);

        // The entry: recorded, the accepted corrections (each value once), then the retraction, last.
        Answer entry = api.get("/api/entries/" + entryId, null);
        List<Map<String, Object>> revisions = (List<Map<String, Object>>) entry.json().get("revisions");
        assertThat(entry.json()).containsEntry("status", "retracted");
        assertThat(revisions).as("revisions of %s", entryId).hasSize(2 + accepted.size());
        assertThat(revisions.get(revisions.size() - 1)).containsEntry("kind", "retracted");
        List<Map<String, Object>> corrections = revisions.subList(1, revisions.size() - 1);
        assertThat(corrections).allSatisfy(r -> assertThat(r).containsEntry("kind", "corrected"));
        assertThat(corrections.stream().map(ConcurrentWritesIntegrationTest::totalPostsOf).toList())
                .containsExactlyInAnyOrderElementsOf(accepted);
        Integer current = corrections.isEmpty() ? 100 : totalPostsOf(corrections.get(corrections.size() - 1));
        assertThat(number(entry.json().get("totalPosts"))).as("current totalPosts").isEqualTo(current);
    }

    private static Answer expectStatus(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    // ---- 2. idempotent retries -------------------------------------------------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void retriesWithOneIdempotencyKeyStoreOneEntryAndAllAnswerAsTheFirst() throws Exception {
        long started = System.nanoTime();
        int before = jobCutIdsOn(RETRY_CRC).size();

        // The sends of one key are queued next to each other, so the pool's threads mostly run them
        // at the same time; the second half of the keys is shuffled so retries also come late.
        record Send(int key, int attempt) {
        }
        List<Send> sends = new ArrayList<>();
        List<Send> late = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            for (int a = 0; a < SENDS_PER_KEY; a++) {
                (k < KEYS / 2 ? sends : late).add(new Send(k, a));
            }
        }
        Collections.shuffle(late, new Random(42));
        sends.addAll(late);

        Map<Integer, String> bodies = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            bodies.put(k, HttpLedger.JSON.writeValueAsString(
                    jobCuts(List.of(RETRY_CRC), 1 + k, "retried announcement " + k)));
        }
        Map<Integer, List<Answer>> finals = new ConcurrentHashMap<>();
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger maxWaits = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        ThreadLocal<HttpLedger> clients = ThreadLocal.withInitial(() -> new HttpLedger(port));

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (Send send : sends) {
            done.add(pool.submit(() -> {
                HttpLedger http = clients.get();
                String token = recorders.get(send.key() % RECORDERS);
                Map<String, String> headers = Map.of("Idempotency-Key", "cw-retry-key-" + send.key());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                int waits = 0;
                while (true) {
                    Answer answer = http.post("/api/job-cut-announcements", token, bodies.get(send.key()), headers);
                    if (isInProgress(answer) && System.nanoTime() < deadline) {
                        inProgress.incrementAndGet();
                        waits++;
                        Thread.sleep(20);
                        continue;
                    }
                    if (answer.status() != 201) {
                        unexpected.add("key " + send.key() + " send " + send.attempt() + ": " + answer);
                    }
                    maxWaits.accumulateAndGet(waits, Math::max);
                    finals.computeIfAbsent(send.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(answer);
                    return null;
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(50, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long sent = System.nanoTime();

        assertThat(unexpected).as("answers other than 201 (after waiting out 409 in progress)").isEmpty();
        Set<String> entryIds = new LinkedHashSet<>();
        int replayed = 0;
        for (int k = 0; k < KEYS; k++) {
            List<Answer> answers = finals.get(k);
            assertThat(answers).as("final answers for key %d", k).hasSize(SENDS_PER_KEY);
            List<Answer> firsts = answers.stream().filter(a -> a.header("idempotent-replayed") == null).toList();
            assertThat(firsts).as("answers of key %d that ran the request (not replayed)", k).hasSize(1);
            Answer first = firsts.get(0);
            replayed += answers.size() - 1;
            for (Answer answer : answers) {
                assertThat(answer.status()).as("key %d", k).isEqualTo(first.status());
                assertThat(answer.header("location")).as("key %d", k).isEqualTo(first.header("location"));
                assertThat(answer.json().get("entryId")).as("key %d", k).isEqualTo(first.json().get("entryId"));
            }
            entryIds.add((String) first.json().get("entryId"));
        }
        assertThat(entryIds).hasSize(KEYS);

        awaitReadModelCaughtUp();
        List<String> onTimeline = jobCutIdsOn(RETRY_CRC);
        assertThat(onTimeline.size() - before).as("new job cuts on " + RETRY_CRC).isEqualTo(KEYS);
        assertThat(onTimeline).doesNotHaveDuplicates().containsAll(entryIds);
        Answer page = api.get("/api/crcs/" + RETRY_CRC + "/timeline?type=" + JOB_CUT + "&size=200", null);
        assertThat(page.json().get("total")).isEqualTo(before + KEYS);

        System.out.printf("[idempotent-retries] %d sends for %d keys in %d ms: %d answers 409 in progress"
                        + " (waited out, at most %d times for one send), %d replayed answers; test %d ms%n",
                sends.size(), KEYS, Duration.ofNanos(sent - started).toMillis(), inProgress.get(), maxWaits.get(),
                replayed, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static boolean isInProgress(Answer answer) {
        if (answer.status() != 409 || answer.contentType() == null
                || !answer.contentType().startsWith("application/problem+json")) {
            return false;
        }
        Map<String, Object> problem = answer.json();
        return "Request in progress".equals(problem.get("title")) && "Idempotency-Key".equals(problem.get("field"));
    }

    // ---- read model --------------------------------------------------------------------------------

    private List<String> jobCutIdsOn(String crc) {
        Timeline timeline = readModel.live().crcTimeline(crc, TimelineFilter.all()).orElseThrow();
        return timeline.items().stream().filter(i -> JOB_CUT.equals(i.type().jsonName()))
                .map(TimelineItem::entryId).toList();
    }

    /** Every CRC's whole timeline and every entry on them, as the live read model answers them. */
    private Map<String, Object> readModelSnapshot() {
        Map<String, Object> snapshot = new TreeMap<>();
        Set<String> entries = new java.util.TreeSet<>();
        for (String crc : List.of(NORTH, SOUTH, RETRY_CRC)) {
            Timeline timeline = readModel.live().crcTimeline(crc, TimelineFilter.all()).orElseThrow();
            snapshot.put("timeline " + crc, timeline);
            snapshot.put("crc " + crc, readModel.live().crc(crc).orElseThrow());
            for (TimelineItem item : timeline.items()) {
                if (item.entryId() != null) {
                    entries.add(item.entryId());
                }
            }
        }
        snapshot.put("provider timeline " + PROVIDER,
                readModel.live().providerTimeline(PROVIDER, TimelineFilter.all()).orElseThrow());
        for (String entryId : entries) {
            snapshot.put("entry " + entryId, readModel.live().entry(entryId).orElseThrow());
        }
        return snapshot;
    }

    private Map<String, Object> projectionStatus() {
        Answer status = api.get("/api/admin/projections", ADMIN);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.items().get(0);
    }

    /** Waits until the processor has handled every stored event (bounded). */
    private void awaitReadModelCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Object> status = projectionStatus();
        while (!("live".equals(status.get("state"))
                && number(status.get("position")) >= number(status.get("headPosition")))) {
            assertThat(System.nanoTime()).as("read model caught up: %s", status).isLessThan(deadline);
            Thread.sleep(20);
            status = projectionStatus();
        }
    }

    private void rebuildAndAwaitLive() throws InterruptedException {
        int activeBefore = number(projectionStatus().get("activeVersion"));
        Answer started = api.post("/api/admin/projections/ledger-timelines/rebuild", ADMIN, "{}", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> status = projectionStatus();
        while (!"live".equals(status.get("state"))) {
            assertThat(System.nanoTime()).as("rebuild finished: %s", status).isLessThan(deadline);
            Thread.sleep(50);
            status = projectionStatus();
        }
        assertThat(number(status.get("activeVersion"))).as("the rebuilt version answers").isEqualTo(activeBefore + 1);
    }

    @SuppressWarnings("unchecked")
    private static Integer totalPostsOf(Map<String, Object> revision) {
        return number(((Map<String, Object>) revision.get("fields")).get("totalPosts"));
    }

    private static Integer number(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value)).intValueExact();
    }
}
