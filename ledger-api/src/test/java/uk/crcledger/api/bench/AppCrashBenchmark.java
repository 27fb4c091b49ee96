package uk.crcledger.api.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tries to lose data: a forked app takes job cuts and corrections of them from 8 concurrent HTTP
 * clients and is killed (kill -9) at a random moment; after a restart
 * <ul>
 *   <li>every acknowledged entry is there with the acknowledged values and revisions (an answer lost
 *       in the kill may or may not have been stored; nothing else may appear);</li>
 *   <li>no partial commit: read through a driver connection to the app's embedded server, every
 *       commit document is whole and well-formed (events complete, payloads readable, stream key and
 *       sequence numbers consistent), and each entry's revisions are exactly its aggregate's commits,
 *       with the values the read model shows;</li>
 *   <li>ledger positions start at 1, are ordered and gapless, and each aggregate's sequence numbers
 *       are too;</li>
 *   <li>a rebuild equals the live read model: every entry's JSON, the CRC and provider timelines
 *       (all pages) and views, before and after.</li>
 * </ul>
 * Repeated {@code bench.crashes} times (20 by default). The kill comes a random time after the round's
 * first acknowledgement (up to {@code bench.crash.maxDelayMs}, 1500 ms by default), drawn from
 * {@code bench.seed} (printed; the time by default). Prints a table and writes
 * {@code target/bench/crash.json}. Run:
 * {@code mvn -B -pl ledger-api -am -Pbench test -Dtest=AppCrashBenchmark}.
 */
@Tag("bench")
class AppCrashBenchmark {

    private static final String ADMIN = "admin.crash-bench-secret-0123456789";
    private static final int WRITERS = 8;
    private static final String CRC = "essex";
    private static final String PROVIDER = "sodexo-nacro";
    private static final String JOB_CUT = "job-cut-announcement";
    private static final String CUTS = "{\"providerId\":\"" + PROVIDER + "\",\"announcedOn\":\"2016-01-20\","
            + "\"crcs\":[{\"crcId\":\"" + CRC + "\"}],\"totalPosts\":%d,\"description\":\"%s\","
            + "\"sources\":[{\"title\":\"t\",\"documentReference\":\"r\"}]}";
    /** The forked JVM starts in half the time with C1 only; the app and its store are the same. */
    private static final String JVM_ARGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xmx512m";

    @TempDir
    Path dataDir;

    private final Path appLog = Path.of("target", "bench", "crash-app.log");
    private int port;
    private int storePort;
    private HttpLedger api;

    /** What the clients were told about one entry, and a correction whose answer the kill took. */
    private static final class Known {
        final String entryId;
        final String description;
        int posts;
        int revisions = 1;
        Integer unansweredCorrection;

        Known(String entryId, String description, int posts) {
            this.entryId = entryId;
            this.description = description;
            this.posts = posts;
        }
    }

    /** A request a writer sent whose answer never came (the app died): stored or not. */
    private record Unanswered(int writer, String entryId, String description, int posts) {
        boolean isCreation() {
            return entryId == null;
        }
    }

    private record Round(int round, long killDelayMs, int acknowledged, int unanswered, int unansweredStored,
                         int lost, long restartMs, long checkMs, long rebuildMs, long roundMs, int entries,
                         long events) {
    }

    @Test
    void losesNothingAcknowledgedWhenKilled() throws Exception {
        int rounds = Integer.getInteger("bench.crashes", 20);
        int maxDelayMs = Integer.getInteger("bench.crash.maxDelayMs", 1500);
        long seed = Long.getLong("bench.seed", System.currentTimeMillis());
        String jvmArgs = System.getProperty("bench.crash.jvmArgs", JVM_ARGS);
        System.out.printf("[crash] seed %d (repeat with -Dbench.seed=%d), %d rounds, %d writers, kill up to %d ms "
                + "after the first acknowledgement, forked JVM %s, app log %s%n", seed, seed, rounds, WRITERS,
                maxDelayMs, jvmArgs, appLog.toAbsolutePath());
        Random random = new Random(seed);
        long started = System.nanoTime();
        Files.createDirectories(appLog.getParent());
        Files.deleteIfExists(appLog);
        port = freePort();
        storePort = freePort();
        api = new HttpLedger(port);

        Map<String, Known> known = new ConcurrentHashMap<>();
        Map<Integer, List<String>> ownEntries = new ConcurrentHashMap<>();
        for (int w = 0; w < WRITERS; w++) {
            ownEntries.put(w, Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger values = new AtomicInteger();
        List<Round> report = new ArrayList<>();
        int acknowledgedCorrections = 0;

        Process app = start(jvmArgs);
        try {
            expect(api.post("/api/crcs", ADMIN, "{\"crcId\":\"" + CRC + "\",\"name\":\"Essex\"}"), 201);
            expect(api.post("/api/providers", ADMIN, "{\"providerId\":\"" + PROVIDER + "\",\"name\":\"Sodexo\"}"), 201);
            expect(api.post("/api/contract-awards", ADMIN, "{\"crcId\":\"" + CRC + "\",\"providerId\":\"" + PROVIDER
                    + "\",\"signedOn\":\"2014-12-18\",\"startsOn\":\"2015-02-01\",\"plannedEndOn\":\"2022-01-31\","
                    + "\"sources\":[{\"title\":\"t\",\"documentReference\":\"r\"}]}"), 201);

            for (int round = 0; round < rounds; round++) {
                long roundStarted = System.nanoTime();
                int r = round;
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger acknowledged = new AtomicInteger();
                AtomicInteger corrections = new AtomicInteger();
                ConcurrentLinkedQueue<Unanswered> unanswered = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    Random choices = new Random(seed ^ (round * 31L + writer));
                    running.add(writers.submit(() -> {
                        HttpLedger http = new HttpLedger(port);
                        List<String> mine = ownEntries.get(writer);
                        for (int n = 0; !stop.get(); n++) {
                            int posts = 1 + values.incrementAndGet();
                            boolean correct = !mine.isEmpty() && choices.nextInt(3) == 0;
                            String entryId = correct ? mine.get(choices.nextInt(mine.size())) : null;
                            String description = "crash round " + r + " writer " + writer + " request " + n;
                            Answer answer;
                            try {
                                answer = correct
                                        ? http.post("/api/entries/" + entryId + "/corrections", ADMIN,
                                        "{\"changes\":{\"totalPosts\":" + posts + "},\"reason\":\"" + description
                                                + "\"}")
                                        : http.post("/api/job-cut-announcements", ADMIN,
                                        CUTS.formatted(posts, description));
                            } catch (RuntimeException e) {
                                // The app was killed under this request: it may or may not be stored.
                                unanswered.add(new Unanswered(writer, entryId, description, posts));
                                return;
                            }
                            if (answer.status() == (correct ? 200 : 201)) {
                                if (correct) {
                                    Known entry = known.get(entryId);
                                    entry.posts = posts;
                                    entry.revisions++;
                                    corrections.incrementAndGet();
                                } else {
                                    String id = (String) answer.json().get("entryId");
                                    known.put(id, new Known(id, description, posts));
                                    mine.add(id);
                                }
                                acknowledged.incrementAndGet();
                            } else {
                                unexpected.add(description + ": " + answer);
                            }
                        }
                    }));
                }
                awaitUntil(Duration.ofMinutes(2), "an acknowledgement in round " + round,
                        () -> acknowledged.get() > 0 || !unexpected.isEmpty());
                long delay = random.nextInt(maxDelayMs + 1);
                Thread.sleep(delay);
                stop.set(true);
                app.destroyForcibly(); // SIGKILL, mid-write: no shutdown hook, no flush, no close
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(app.exitValue()).as("killed by SIGKILL").isEqualTo(137);
                writers.shutdown();
                assertThat(writers.awaitTermination(2, TimeUnit.MINUTES)).as("writers stopped").isTrue();
                for (Future<?> writer : running) {
                    writer.get();
                }
                assertThat(unexpected).as("answers other than success before the kill").isEmpty();
                acknowledgedCorrections += corrections.get();
                for (Unanswered lost : unanswered) {
                    if (!lost.isCreation()) {
                        known.get(lost.entryId()).unansweredCorrection = lost.posts();
                    }
                }

                long restarting = System.nanoTime();
                app = start(jvmArgs);
                long restartMs = Duration.ofNanos(System.nanoTime() - restarting).toMillis();
                long checking = System.nanoTime();
                Check check = check(known, ownEntries, unanswered);
                long checkMs = Duration.ofNanos(System.nanoTime() - checking).toMillis();
                long rebuilding = System.nanoTime();
                rebuildEqualsLive(check.snapshot());
                long rebuildMs = Duration.ofNanos(System.nanoTime() - rebuilding).toMillis();
                Round done = new Round(round, delay, acknowledged.get(), unanswered.size(), check.unansweredStored(),
                        check.lost(), restartMs, checkMs, rebuildMs,
                        Duration.ofNanos(System.nanoTime() - roundStarted).toMillis(), check.entries(), check.events());
                report.add(done);
                System.out.printf("[crash] round %d: killed %d ms after the first acknowledgement; %d acknowledged, "
                                + "%d unanswered (%d of them stored), %d lost; restart %d ms, checks %d ms, rebuild "
                                + "and comparison %d ms, round %d ms; %d entries, %d events%n", round, delay,
                        done.acknowledged(), done.unanswered(), done.unansweredStored(), done.lost(), restartMs,
                        checkMs, rebuildMs, done.roundMs(), done.entries(), done.events());
            }
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        long wallMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        List<List<Object>> rows = new ArrayList<>();
        for (Round round : report) {
            rows.add(List.of(round.round(), round.killDelayMs(), round.acknowledged(), round.unanswered(),
                    round.unansweredStored(), round.lost(), round.restartMs(), round.checkMs(), round.rebuildMs(),
                    round.roundMs(), round.entries(), round.events()));
        }
        ReliabilityReport.table(List.of("round", "kill after (ms)", "acknowledged", "unanswered at kill",
                "of them stored", "lost", "restart (ms)", "checks (ms)", "rebuild = live (ms)", "round (ms)",
                "entries", "events"), rows);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("seed", seed);
        results.put("rounds", rounds);
        results.put("writers", WRITERS);
        results.put("acknowledged", report.stream().mapToInt(Round::acknowledged).sum());
        results.put("acknowledgedCorrections", acknowledgedCorrections);
        results.put("lost", report.stream().mapToInt(Round::lost).sum());
        results.put("unansweredAtKill", report.stream().mapToInt(Round::unanswered).sum());
        results.put("unansweredButStored", report.stream().mapToInt(Round::unansweredStored).sum());
        results.put("entries", known.size());
        results.put("events", report.isEmpty() ? 0 : report.get(report.size() - 1).events());
        results.put("rebuildsComparedWithLive", report.size());
        results.put("restartMsMedian", ReliabilityReport.median(report.stream().map(Round::restartMs).toList()));
        results.put("restartMsMax", report.stream().mapToLong(Round::restartMs).max().orElse(0));
        results.put("checkMsMedian", ReliabilityReport.median(report.stream().map(Round::checkMs).toList()));
        results.put("rebuildMsMedian", ReliabilityReport.median(report.stream().map(Round::rebuildMs).toList()));
        results.put("roundMsMedian", ReliabilityReport.median(report.stream().map(Round::roundMs).toList()));
        results.put("wallSeconds", Math.round(wallMs / 100.0) / 10.0);
        results.put("forkedJvmArgs", jvmArgs);
        ReliabilityReport.write("crash", results);
        assertThat(report.stream().mapToInt(Round::lost).sum()).as("acknowledged entries lost").isZero();
    }

    // ---- the checks after a restart ------------------------------------------------------------------

    private record Check(int entries, long events, int lost, int unansweredStored, Map<String, String> snapshot) {
    }

    /** The commits as stored, with what the entries need to be checked against them. */
    private record Store(long head, long events, Map<Long, Document> eventAt, Map<String, Integer> jobCutAggregates) {
    }

    private Check check(Map<String, Known> known, Map<Integer, List<String>> ownEntries,
                        ConcurrentLinkedQueue<Unanswered> unanswered) throws Exception {
        Map<String, Object> status = awaitCaughtUp();
        Store store = checkStore();
        assertThat(((Number) status.get("headPosition")).longValue()).as("the read model's head is the store's")
                .isEqualTo(store.head());

        // The CRC's job cuts, every page: each entry once, in ledger order (one date), as many as stored.
        Map<String, String> snapshot = readModelSnapshot();
        List<Map<String, Object>> items = pages("/api/crcs/" + CRC + "/timeline?type=" + JOB_CUT);
        List<String> onTimeline = items.stream().map(i -> (String) i.get("entryId")).toList();
        assertThat(onTimeline).as("job cuts on the timeline").doesNotHaveDuplicates();
        assertThat(new HashSet<>(onTimeline)).as("job cuts on the timeline are the job-cut aggregates stored")
                .isEqualTo(store.jobCutAggregates().keySet());
        List<Long> timelinePositions = items.stream().map(i -> ((Number) i.get("ledgerPosition")).longValue()).toList();
        assertThat(timelinePositions).as("one date: timeline in ledger order").isSorted().doesNotHaveDuplicates();

        List<String> lost = known.keySet().stream().filter(id -> !store.jobCutAggregates().containsKey(id)).sorted()
                .toList();
        Map<String, Unanswered> unansweredCreations = new HashMap<>();
        for (Unanswered u : unanswered) {
            if (u.isCreation()) {
                unansweredCreations.put(u.description(), u);
            }
        }

        // Every entry, as its permalink answers.
        Map<String, Map<String, Object>> entries = new TreeMap<>();
        fetchEntries(onTimeline).forEach((id, json) -> {
            snapshot.put("entry " + id, json);
            entries.put(id, HttpLedger.JSON.readValue(json, Map.class));
        });

        int unansweredStored = 0;
        Set<Long> positions = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : entries.entrySet()) {
            String id = e.getKey();
            Map<String, Object> entry = e.getValue();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> revisions = (List<Map<String, Object>>) entry.get("revisions");
            int posts = number(entry.get("totalPosts"));
            Known k = known.get(id);
            if (k == null) {
                // Not acknowledged: only a creation whose answer the kill took may be here, as it was sent.
                Unanswered sent = unansweredCreations.remove((String) entry.get("description"));
                assertThat(sent).as("entry %s (%s) was never sent, or was acknowledged under another id", id,
                        entry.get("description")).isNotNull();
                assertThat(posts).as("unanswered %s", id).isEqualTo(sent.posts());
                assertThat(revisions).as("unanswered %s", id).hasSize(1);
                k = new Known(id, sent.description(), sent.posts());
                known.put(id, k);
                ownEntries.get(sent.writer()).add(id);
                unansweredStored++;
            } else {
                assertThat(entry.get("description")).as(id).isEqualTo(k.description);
                boolean correctionStored = k.unansweredCorrection != null && revisions.size() == k.revisions + 1;
                if (correctionStored) {
                    assertThat(posts).as("%s with its unanswered correction", id).isEqualTo(k.unansweredCorrection);
                    k.posts = k.unansweredCorrection;
                    k.revisions++;
                    unansweredStored++;
                }
                assertThat(posts).as("acknowledged totalPosts of %s", id).isEqualTo(k.posts);
                assertThat(revisions).as("acknowledged revisions of %s", id).hasSize(k.revisions);
                k.unansweredCorrection = null;
            }
            // The entry is exactly its aggregate's commits: revision n at the position of sequence n - 1.
            assertThat(revisions.size()).as("revisions of %s = its commits", id)
                    .isEqualTo(store.jobCutAggregates().get(id));
            long previous = 0;
            for (Map<String, Object> revision : revisions) {
                long position = ((Number) revision.get("ledgerPosition")).longValue();
                int n = number(revision.get("revision"));
                assertThat(position).as("%s revision %d position", id, n).isGreaterThan(previous);
                previous = position;
                assertThat(positions.add(position)).as("position %d used once", position).isTrue();
                Document event = store.eventAt().get(position);
                assertThat(event).as("%s revision %d: an event at position %d", id, n, position).isNotNull();
                assertThat(event.getString("aggregate")).as("aggregate at %d", position).isEqualTo(id);
                assertThat(event.getLong("seq")).as("sequence at %d", position).isEqualTo(n - 1L);
                assertThat(event.getString("type")).as("event at %d", position)
                        .endsWith(n == 1 ? "JobCutsAnnounced" : "EntryCorrected");
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) revision.get("fields");
                JsonNode stored = HttpLedger.JSON.readTree(event.getString("payload")).findValue("totalPosts");
                assertThat(stored).as("totalPosts in the event at %d", position).isNotNull();
                assertThat(stored.decimalValue().compareTo(new BigDecimal(String.valueOf(fields.get("totalPosts")))))
                        .as("%s revision %d: stored totalPosts %s, read model %s", id, n, stored,
                                fields.get("totalPosts")).isZero();
            }
            assertThat(entry.get("ledgerPosition")).as(id).isEqualTo(revisions.get(0).get("ledgerPosition"));
        }
        assertThat(lost).as("acknowledged entries lost").isEmpty();

        // The provider's figures add up the entries the permalinks answer.
        int sum = entries.values().stream().mapToInt(e -> number(e.get("totalPosts"))).sum();
        Map<String, Object> provider = expect(api.get("/api/providers/" + PROVIDER, null), 200).json();
        assertThat(number(provider.get("postsAnnouncedCut"))).as("provider's posts cut").isEqualTo(sum);
        assertThat(number(provider.get("announcementsWithPosts"))).isEqualTo(entries.size());
        return new Check(entries.size(), store.events(), lost.size(), unansweredStored, snapshot);
    }

    /**
     * Every commit document, read from the app's embedded server: whole and well-formed, positions from 1
     * with no gap and no overlap, each aggregate's sequence numbers from 0 with no gap.
     */
    private Store checkStore() {
        Map<Long, Document> eventAt = new HashMap<>();
        Map<String, Long> nextSequence = new HashMap<>();
        Map<String, Integer> jobCuts = new HashMap<>();
        Set<String> commitIds = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        long expected = 1;
        long commits = 0;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            for (Document commit : client.getDatabase("ledger").getCollection("events").find()
                    .sort(Sorts.ascending("_id"))) {
                commits++;
                Object id = commit.get("_id");
                assertThat(id).as("commit _id (position) %s", id).isInstanceOf(Long.class);
                long position = (Long) id;
                assertThat(position).as("next commit's position: ordered and gapless").isEqualTo(expected);
                assertThat(commitIds.add(commit.getString("commit"))).as("commit id at %d", position).isTrue();
                assertThat(commit.get("at")).as("commit time at %d", position).isInstanceOf(java.util.Date.class);
                List<Document> events = commit.getList("events", Document.class);
                assertThat(events).as("events of the commit at %d", position).isNotEmpty().hasSizeLessThanOrEqualTo(128);
                String aggregate = commit.getString("aggregate");
                String stream = commit.getString("stream");
                if (aggregate != null) {
                    assertThat(commit.getString("type")).as("aggregate type at %d", position).isNotBlank();
                    long first = nextSequence.getOrDefault(aggregate, 0L);
                    assertThat(stream).as("stream key at %d", position).isEqualTo(aggregate + "#" + first);
                }
                for (int i = 0; i < events.size(); i++) {
                    Document event = events.get(i);
                    String at = "event " + i + " of the commit at " + position;
                    assertThat(eventIds.add(event.getString("id"))).as(at + ": id").isTrue();
                    assertThat(Instant.parse(event.getString("ts"))).as(at + ": time").isNotNull();
                    assertThat(event.getString("type")).as(at + ": type").isNotBlank();
                    assertThat(HttpLedger.JSON.readTree(event.getString("payload")).isObject()).as(at + ": payload")
                            .isTrue();
                    assertThat(HttpLedger.JSON.readTree(event.getString("meta")).isObject()).as(at + ": metadata")
                            .isTrue();
                    if (aggregate != null) {
                        long sequence = nextSequence.getOrDefault(aggregate, 0L);
                        assertThat(event.getLong("seq")).as(at + ": sequence of " + aggregate).isEqualTo(sequence);
                        nextSequence.put(aggregate, sequence + 1);
                        eventAt.put(expected + i, new Document(event).append("aggregate", aggregate));
                        if (aggregate.startsWith("job-cuts-")) {
                            jobCuts.merge(aggregate, 1, Integer::sum);
                        }
                    }
                }
                expected = position + events.size();
            }
        }
        assertThat(commits).as("commits stored").isPositive();
        return new Store(expected - 1, expected - 1, eventAt, jobCuts);
    }

    /** The read model as the API answers it, beyond the entries: views and whole timelines. */
    private Map<String, String> readModelSnapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        snapshot.put("crcs", expect(api.get("/api/crcs", null), 200).body());
        snapshot.put("crc", expect(api.get("/api/crcs/" + CRC, null), 200).body());
        snapshot.put("providers", expect(api.get("/api/providers", null), 200).body());
        snapshot.put("provider", expect(api.get("/api/providers/" + PROVIDER, null), 200).body());
        snapshot.put("crc timeline", String.valueOf(pages("/api/crcs/" + CRC + "/timeline?")));
        snapshot.put("provider timeline", String.valueOf(pages("/api/providers/" + PROVIDER + "/timeline?")));
        return snapshot;
    }

    /** Rebuilds the read model from the events and compares it, answer by answer, with the live one. */
    @SuppressWarnings("unchecked")
    private void rebuildEqualsLive(Map<String, String> live) {
        int version = number(projection().get("activeVersion"));
        expect(api.post("/api/admin/projections/ledger-timelines/rebuild", ADMIN, "{}"), 202);
        awaitUntil(Duration.ofMinutes(5), "the rebuilt read model answers", () -> {
            Map<String, Object> status = projection();
            return "live".equals(status.get("state")) && number(status.get("activeVersion")) == version + 1;
        });
        Map<String, String> rebuilt = readModelSnapshot();
        fetchEntries(live.keySet().stream().filter(k -> k.startsWith("entry ")).map(k -> k.substring(6)).toList())
                .forEach((id, json) -> rebuilt.put("entry " + id, json));
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        for (String key : live.keySet()) {
            assertThat(rebuilt.get(key)).as("%s after the rebuild", key).isEqualTo(live.get(key));
        }
    }

    /** Each entry's JSON as its permalink answers it, read by 4 clients at once. */
    private Map<String, String> fetchEntries(List<String> ids) {
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<String>> bodies = new LinkedHashMap<>();
            for (String id : ids) {
                bodies.put(id, readers.submit(() -> expect(api.get("/api/entries/" + id, null), 200).body()));
            }
            Map<String, String> answers = new LinkedHashMap<>();
            for (Map.Entry<String, Future<String>> body : bodies.entrySet()) {
                answers.put(body.getKey(), body.getValue().get(1, TimeUnit.MINUTES));
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            readers.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> pages(String path) {
        List<Map<String, Object>> items = new ArrayList<>();
        String separator = path.endsWith("?") ? "" : "&";
        for (int page = 0; ; page++) {
            Map<String, Object> answer = expect(api.get(path + separator + "size=200&page=" + page, null), 200).json();
            items.addAll((List<Map<String, Object>>) answer.get("items"));
            if (answer.get("next") == null) {
                assertThat(items).as("%s: total", path).hasSize(number(answer.get("total")));
                return items;
            }
        }
    }

    private Map<String, Object> awaitCaughtUp() {
        Map<String, Object>[] last = new Map[1];
        awaitUntil(Duration.ofMinutes(2), "the read model caught up", () -> {
            Map<String, Object> status = projection();
            last[0] = status;
            return "live".equals(status.get("state")) && ((Number) status.get("position")).longValue()
                    >= ((Number) status.get("headPosition")).longValue();
        });
        return last[0];
    }

    private Map<String, Object> projection() {
        return expect(api.get("/api/admin/projections", ADMIN), 200).items().get(0);
    }

    // ---- the forked app ----------------------------------------------------------------------------

    private Process start(String jvmArgs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.stream(jvmArgs.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                "--server.port=" + port, "--ledger.data-dir=" + dataDir, "--ledger.embedded.port=" + storePort,
                "--ledger.seed=false", "--ledger.admin-token=" + ADMIN,
                // Upkeep (which also finishes a rebuild that has caught up) every 250 ms, not 2 s: the
                // rebuild is checked in every round and would otherwise wait for the next tick.
                "--ledger.read-model.balance=250ms"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(appLog.toFile())).start();
        awaitUntil(Duration.ofMinutes(2), "the app ready (log: " + appLog.toAbsolutePath() + ")", () -> {
            if (!process.isAlive()) {
                fail("The app exited with " + process.exitValue() + "; see " + appLog.toAbsolutePath());
            }
            try {
                return api.get("/actuator/health/readiness", null).status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return process;
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    private static int number(Object value) {
        return new BigDecimal(String.valueOf(value)).intValueExact();
    }

    private static void awaitUntil(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
