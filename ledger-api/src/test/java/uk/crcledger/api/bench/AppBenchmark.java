package uk.crcledger.api.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import uk.crcledger.api.deploy.JvmMemoryFlags;
import uk.crcledger.bench.LedgerGenerator;
import uk.crcledger.eventstore.LedgerMongoClients;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The whole app against its limits, on the embedded server (default) or on any MongoDB
 * ({@code -Dbench.mongodb.uri=mongodb://...}: a fresh database, dropped afterwards). The app runs as a
 * separate JVM (seed off; with the README's memory flags, {@link JvmMemoryFlags}, or those of
 * {@code -Dbench.appJvmFlags="..."}, empty for the JVM's defaults; {@code -Dbench.xmx=2g} sets its heap after them;
 * {@code -Dbench.nmt=true} turns on native memory tracking; {@code -Dbench.jfr=true}
 * records a flight recording to {@code target/bench/app-<events>.jfr}; its log goes to
 * {@code target/bench/app-<events>.log}). The ledger of {@code bench.events} events (default 100,000;
 * {@link LedgerGenerator}, fixed seed, busy CRC with {@code bench.busy} entries, default 5,000) is appended
 * in steps of 10k, 100k and 1M events (those below {@code bench.events}, then {@code bench.events} itself)
 * to the app's store by a storage engine of the benchmark's own (each event stamped with the instant it
 * is appended), and at each step, once the app's read model has caught up (the catch-up rate is recorded):
 * <ul>
 *   <li><b>Queries</b>: {@code bench.clients} (32) concurrent clients, {@code bench.warmupMillis} (1 s)
 *       warm-up, then {@code bench.measureMillis} (5 s) measured, longer until as many answers as clients
 *       (at most {@code bench.maxMeasureMillis}, 30 s), on each of: a random CRC's timeline, the
 *       busy CRC's, a random provider's, a random CRC's as of an instant between steps, and
 *       {@code /actuator/health/liveness} (the web layer's limit): p50, p90, p99, requests/s, and the app's
 *       CPU time per request.</li>
 *   <li><b>Memory</b> ({@link AppMemory#step}): the resident set now (anonymous and file-backed) and its
 *       high-water mark, the heap after a full collection (the live set) and its growth against the
 *       ledger's since the step before, metaspace, code cache, NIO buffers, threads; a table "Memory per
 *       step", the class histogram of the live set in {@code target/bench/app-<events>-heap-at-<step>.txt}.</li>
 * </ul>
 * At the last step:
 * <ul>
 *   <li><b>Replay</b>: a full rebuild through the admin API, events/s; beside it the raw cursor scan of the
 *       commits collection with BSON decoding, and the storage engine's own read with payload
 *       deserialization (first 20,000 events), both from this JVM.</li>
 *   <li><b>Ingest</b>: job-cut announcements over HTTP from 8 and 32 connections ({@code bench.ingest},
 *       2,000 each, or as many as {@code bench.ingestMaxMillis}, 15 s, allow) against raw {@code insertOne}
 *       of documents as large as the app's commit of one, into a scratch collection, same client settings
 *       (majority, journaled), same concurrency.</li>
 *   <li><b>Memory</b>: see {@link AppMemory}.</li>
 * </ul>
 * The machine's load average and the app's CPU seconds are recorded beside the rates: on a shared
 * machine, work per CPU second compares between runs where work per wall second does not.
 * Prints a table per section and writes {@code target/bench/app.json}. A failing section fails the
 * benchmark after the others have run and the report is written; the app is stopped in any case. Run:
 * {@code mvn -B -pl ledger-api -am -Pbench test -Dtest=AppBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbench.events=10000]}.
 */
@Tag("bench")
class AppBenchmark {

    /** The searches the query load makes (issue 16), each a row of the query table. */
    private static final List<String> SEARCHES = List.of("searchCommonWord", "searchRareWord", "searchPhrase",
            "searchFiltered");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = ForkedApp.ADMIN;
    private static final String COMMITS = "events"; // MongoLedgerStorageEngine's commits collection
    private static final String SCRATCH = "bench_raw_inserts";
    private static final int[] INGEST_CONNECTIONS = {8, 32};
    private static final long ENGINE_READ_EVENTS = 20_000;
    private static final long MB = 1024 * 1024;
    /** Issue 17's goal for the app's resident set at 1M events. */
    private static final long RSS_GOAL_MB = 1024;
    private static final String JOB_CUTS = "{\"providerId\":\"%s\",\"announcedOn\":\"%s\","
            + "\"crcs\":[{\"crcId\":\"%s\",\"posts\":%d}],\"totalPosts\":%d,"
            + "\"description\":\"bench ingest: %d posts at %s\","
            + "\"sources\":[{\"title\":\"Bench source\",\"publisher\":\"Bench\",\"documentReference\":\"bench-%d\","
            + "\"publishedOn\":\"2016-01-20\"}]}";

    @TempDir
    Path dataDir;

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    /** The memory table's rows, one per step, printed again as each step adds one. */
    private final List<List<Object>> memoryRows = new ArrayList<>();

    private int size;
    private int clients;
    private long warmupMillis;
    private long measureMillis;
    private long maxMeasureMillis;

    @Test
    void measure() throws Exception {
        long benchStarted = System.nanoTime();
        size = Integer.getInteger("bench.events", 100_000);
        int busy = Integer.getInteger("bench.busy", 5_000);
        clients = Integer.getInteger("bench.clients", 32);
        warmupMillis = Long.getLong("bench.warmupMillis", 1_000);
        measureMillis = Long.getLong("bench.measureMillis", 5_000);
        maxMeasureMillis = Long.getLong("bench.maxMeasureMillis", 30_000);
        int ingestCount = Integer.getInteger("bench.ingest", 2_000);
        long ingestMaxMillis = Long.getLong("bench.ingestMaxMillis", 15_000);
        String externalUri = blankToNull(System.getProperty("bench.mongodb.uri"));
        String xmx = blankToNull(System.getProperty("bench.xmx"));
        boolean jfr = Boolean.getBoolean("bench.jfr");
        String database = externalUri == null ? EmbeddedStore.DATABASE : "bench_app_" + System.currentTimeMillis();

        List<Integer> steps = steps(size);
        put("config.events", size);
        put("config.busyEntries", busy);
        put("config.clients", clients);
        put("config.measureMillis", measureMillis);
        put("config.externalMongo", externalUri != null);
        put("config.jfr", jfr);
        put("config.benchCores", Runtime.getRuntime().availableProcessors());
        // The machine may be shared: its load when we start and end says how far to trust the figures.
        put("config.loadAverageAtStart", loadAverage());

        long started = System.nanoTime();
        GrowingLedger ledger = new GrowingLedger(size, busy);
        put("config.generateMillis", millisSince(started));
        // The generated ledger stays in this JVM's heap (about a kilobyte an event): what 1M events need here.
        System.gc();
        put("config.benchHeapAfterGenerateMb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory())
                / MB);
        put("config.crcs", ledger.crcs().size());
        put("config.providers", ledger.providers().size());

        // The README's and the Dockerfile's memory flags, unless -Dbench.appJvmFlags says otherwise ("" for the
        // JVM's defaults); -Dbench.xmx after them (the last -Xmx wins).
        String appFlags = System.getProperty("bench.appJvmFlags", String.join(" ", JvmMemoryFlags.APP)).strip();
        List<String> jvm = new ArrayList<>(appFlags.isEmpty() ? List.of() : List.of(appFlags.split("\\s+")));
        if (xmx != null) {
            jvm.add("-Xmx" + xmx);
        }
        if (Boolean.getBoolean("bench.nmt")) {
            jvm.add("-XX:NativeMemoryTracking=summary"); // the JVM's own accounting of its native memory, per area
        }
        put("config.appJvmFlags", String.join(" ", jvm));
        put("config.benchHeapMaxMb", Runtime.getRuntime().maxMemory() / MB);
        Path benchDir = Path.of("target", "bench").toAbsolutePath();
        if (jfr) {
            // Deep stacks: the embedded server's Java serialization and Spring's filter chain are deep.
            jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
            jvm.add("-XX:StartFlightRecording=name=bench,settings=profile,dumponexit=true,filename="
                    + benchDir.resolve("app-" + size + ".jfr"));
        }
        ForkedApp app = null;
        AppMemory memory = null;
        MongoClient client = null;
        MongoLedgerStorageEngine engine = null;
        try {
            started = System.nanoTime();
            app = ForkedApp.start(dataDir.resolve("data"), benchDir.resolve("app-" + size + ".log"), externalUri,
                    database, jvm);
            put("config.appStartMillis", millisSince(started));
            memory = new AppMemory(app);
            client = LedgerMongoClients.create(app.storeUri());
            MongoDatabase db = client.getDatabase(database);
            engine = EmbeddedStore.engineOn(db, EntryKinds.detailsTypes());

            Instant previousStep = null;
            for (int step : steps) {
                Instant halfway = grow(app, ledger, engine, step);
                Instant asOf = previousStep != null ? previousStep : halfway;
                ForkedApp running = app;
                section("queries at " + step, () -> queries(running, ledger, step, asOf));
                AppMemory watched = memory;
                int events = ledger.appended();
                section("memory at " + step, () -> stepMemory(running, watched, step, events));
                previousStep = Instant.now();
            }
            int last = steps.get(steps.size() - 1);
            ForkedApp running = app;
            MongoLedgerStorageEngine bench = engine;
            section("verify", () -> verify(running, last));
            section("replay", () -> replay(running, db, bench, last));
            section("ingest", () -> ingest(running, db, bench, ledger, ingestCount, ingestMaxMillis));
            AppMemory watched = memory;
            section("memory", () -> memory(running, watched));
        } catch (Exception | AssertionError e) {
            // Growing the ledger (or starting the app) failed: nothing after it means anything.
            System.err.println("The benchmark stopped:");
            e.printStackTrace();
            failures.add("stopped: " + e);
        } finally {
            if (memory != null) {
                memory.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (app != null) {
                app.close();
            }
            if (client != null) {
                if (externalUri != null) {
                    // After the app has stopped: its processor's claims would create the database again.
                    try {
                        client.getDatabase(database).drop();
                    } catch (RuntimeException e) {
                        System.err.println("Could not drop the bench database " + database + ": " + e);
                    }
                }
                client.close();
            }
        }
        put("config.benchMillis", millisSince(benchStarted));
        put("config.loadAverageAtEnd", loadAverage());
        printTargets(steps);
        printMemorySteps();
        BenchReport.write("app", results);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " section(s) failed:\n" + String.join("\n", failures));
        }
    }

    // ---- growing the ledger ----------------------------------------------------------------------

    /** Appends up to {@code step} events and waits for the app's read model; answers the halfway instant. */
    private Instant grow(ForkedApp app, GrowingLedger ledger, MongoLedgerStorageEngine engine, int step)
            throws Exception {
        phase("growth to " + step);
        int before = ledger.appended();
        long cpu = app.cpuMillis();
        long started = System.nanoTime();
        Instant halfway = ledger.appendUpTo(step, engine, 32);
        long appended = System.nanoTime();
        long head = engine.headPosition() - 1;
        Map<String, Object> status = awaitCaughtUp(app, head, Duration.ofMinutes(10).plusSeconds(step / 1_000));
        long caughtUp = System.nanoTime();
        awaitSigned(app, head, Duration.ofMinutes(10).plusSeconds(step / 1_000));
        long signed = System.nanoTime();
        long cpuUsed = app.cpuMillis() - cpu;
        int events = ledger.appended() - before;
        String key = "growth." + step + ".";
        put(key + "events", ledger.appended());
        put(key + "headPosition", head);
        put(key + "appendPerSecond", Math.round(events / seconds(started, appended)));
        put(key + "catchUpPerSecond", Math.round(events / seconds(started, caughtUp)));
        put(key + "lagAfterAppendMs", Math.round((caughtUp - appended) / 1e6));
        put(key + "tlogSignedPerSecond", Math.round(events / seconds(started, signed)));
        put(key + "tlogLagAfterAppendMs", Math.round((signed - appended) / 1e6));
        put(key + "appCpuSeconds", round(cpuUsed / 1e3));
        put(key + "eventsPerAppCpuSecond", Math.round(events / Math.max(0.001, cpuUsed / 1e3)));
        put(key + "loadAverage", loadAverage());
        table("Growth: step " + step + " (appended by the bench's engine, read model caught up)",
                List.of("events", "appended/s", "caught up/s (from append start)", "lag after append (ms)",
                        "signed in the log/s", "log lag after append (ms)",
                        "app position", "app CPU s", "events per app CPU s", "load average"),
                List.of(List.of(ledger.appended(), results.get(key + "appendPerSecond"),
                        results.get(key + "catchUpPerSecond"), results.get(key + "lagAfterAppendMs"),
                        results.get(key + "tlogSignedPerSecond"), results.get(key + "tlogLagAfterAppendMs"),
                        status.get("position"), results.get(key + "appCpuSeconds"),
                        results.get(key + "eventsPerAppCpuSecond"), results.get(key + "loadAverage"))));
        return halfway;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(RawHttp http) {
        RawHttp.Response answer = http.get("/api/admin/projections", ADMIN, true);
        Load.check(answer, 200);
        return ((List<Map<String, Object>>) JSON.readValue(answer.body(), Map.class).get("items")).get(0);
    }

    private static Map<String, Object> awaitCaughtUp(ForkedApp app, long head, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (RawHttp http = new RawHttp(app.port())) {
            while (true) {
                Map<String, Object> status = status(http);
                if (((Number) status.get("position")).longValue() >= head && "live".equals(status.get("state"))) {
                    return status;
                }
                if (System.nanoTime() > deadline || !app.isAlive()) {
                    throw new IllegalStateException("The read model did not reach position " + head + " within "
                            + atMost + ": " + status + "; the app's log ends:\n" + app.tail(40));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the transparency log has signed a checkpoint covering {@code head}. */
    @SuppressWarnings("unchecked")
    private static void awaitSigned(ForkedApp app, long head, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (RawHttp http = new RawHttp(app.port())) {
            while (true) {
                RawHttp.Response answer = http.get("/actuator/health", null, true);
                Map<String, Object> components = (Map<String, Object>) JSON.readValue(answer.body(), Map.class).get("components");
                Map<String, Object> tlog = (Map<String, Object>) ((Map<String, Object>) components.get("tlog")).get("details");
                if (((Number) tlog.get("checkpointSize")).longValue() >= head) {
                    return;
                }
                if (System.nanoTime() > deadline || !app.isAlive()) {
                    throw new IllegalStateException("The log did not sign " + head + " leaves within " + atMost + ": "
                            + tlog + "; the app's log ends:\n" + app.tail(40));
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Waits until the app's search index has caught up with the ledger (it answers 503 while it is
     * built after a start), and records how long that took from here.
     */
    private void searchIndexCaughtUp(ForkedApp app, int step) throws Exception {
        long start = System.nanoTime();
        try (RawHttp http = new RawHttp(app.port())) {
            Duration atMost = Duration.ofMinutes(10).plusSeconds(step / 1_000);
            while (http.get("/api/search?q=generated", null, false).status() != 200) {
                if (System.nanoTime() - start > atMost.toNanos() || !app.isAlive()) {
                    throw new IllegalStateException("The search index did not catch up within " + atMost
                            + "; the app's log ends:\n" + app.tail(40));
                }
                Thread.sleep(200); // polling another process: there is no condition here to wait on
            }
        }
        put("queries." + step + ".searchIndexCatchUpSeconds", round((System.nanoTime() - start) / 1e9));
    }

    /** Entry ids read from a few CRCs' timelines, for the proof reads. */
    @SuppressWarnings("unchecked")
    private static List<String> entryIds(ForkedApp app, List<String> crcs) {
        List<String> ids = new ArrayList<>();
        try (RawHttp http = new RawHttp(app.port())) {
            for (String crc : crcs.subList(0, Math.min(20, crcs.size()))) {
                RawHttp.Response answer = http.get("/api/crcs/" + crc + "/timeline?page=0&size=50", null, true);
                Load.check(answer, 200);
                for (Map<String, Object> item : (List<Map<String, Object>>) JSON.readValue(answer.body(), Map.class).get("items")) {
                    if (item.get("entryId") != null) {
                        ids.add((String) item.get("entryId"));
                    }
                }
            }
        }
        return ids;
    }

    // ---- queries ---------------------------------------------------------------------------------

    private void queries(ForkedApp app, GrowingLedger ledger, int step, Instant asOf) throws Exception {
        List<String> crcs = ledger.crcs().stream().filter(c -> !LedgerGenerator.BUSY_CRC.equals(c)).toList();
        List<String> providers = ledger.providers();
        String at = asOf.toString();
        Map<String, Load.Request> endpoints = new LinkedHashMap<>();
        endpoints.put("crcTimeline", (http, random) -> http.get("/api/crcs/" + crcs.get(random.nextInt(crcs.size()))
                + "/timeline?page=0&size=50", null, false));
        endpoints.put("busyCrcTimeline", (http, random) -> http.get("/api/crcs/" + LedgerGenerator.BUSY_CRC
                + "/timeline?page=0&size=50", null, false));
        endpoints.put("providerTimeline", (http, random) -> http.get("/api/providers/"
                + providers.get(random.nextInt(providers.size())) + "/timeline?page=0&size=50", null, false));
        endpoints.put("asOfCrcTimeline", (http, random) -> http.get("/api/crcs/"
                + crcs.get(random.nextInt(crcs.size())) + "/timeline?page=0&size=50&asOf=" + at, null, false));
        // The busy CRC as of one instant (as the live one, under the same load), and as of a different
        // instant each time (no answer to reuse: the selection over its stored versions every time).
        endpoints.put("asOfBusyCrcTimeline", (http, random) -> http.get("/api/crcs/" + LedgerGenerator.BUSY_CRC
                + "/timeline?page=0&size=50&asOf=" + at, null, false));
        Instant now = Instant.now();
        long span = Math.max(1, java.time.Duration.between(asOf, now).toMillis());
        endpoints.put("asOfBusyCrcTimelineAnyInstant", (http, random) -> http.get("/api/crcs/"
                + LedgerGenerator.BUSY_CRC + "/timeline?page=0&size=50&asOf="
                + asOf.plusMillis(Math.floorMod(random.nextLong(), span)), null, false));
        List<String> entries = entryIds(app, crcs);
        if (!entries.isEmpty()) {
            // Every event of the entry proven in the latest checkpoint, each proof verified by the app first.
            endpoints.put("entryProof", (http, random) -> http.get("/api/entries/"
                    + entries.get(random.nextInt(entries.size())) + "/proof", null, false));
        }
        searchIndexCaughtUp(app, step);
        // Search: a word in nearly every entry (the most to rank), a rare one, a phrase, and a word
        // filtered to one type and CRC.
        endpoints.put("searchCommonWord", (http, random) -> http.get("/api/search?q=generated", null, false));
        endpoints.put("searchRareWord", (http, random) -> http.get("/api/search?q=" + (1 + random.nextInt(
                Math.max(1, step / 4))), null, false));
        endpoints.put("searchPhrase", (http, random) -> http.get("/api/search?q=%22generated+finding%22", null,
                false));
        endpoints.put("searchFiltered", (http, random) -> http.get("/api/search?q=generated&type=inspection-finding"
                + "&crc=" + crcs.get(random.nextInt(crcs.size())), null, false));
        endpoints.put("liveness", (http, random) -> http.get("/actuator/health/liveness", null, false));
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Load.Request> endpoint : endpoints.entrySet()) {
            phase("queries at " + step + ": " + endpoint.getKey());
            long[] cpu = new long[2];
            Load.Result result = Load.forDuration(clients, warmupMillis, measureMillis, clients, maxMeasureMillis,
                    Load.http(app.port(), 200, endpoint.getValue()), () -> cpu[0] = app.cpuMillis(),
                    () -> cpu[1] = app.cpuMillis());
            String key = "queries." + step + "." + endpoint.getKey() + ".";
            result.asMap().forEach((name, value) -> put(key + name, value));
            // Over every call of the run, warm-up included: the app worked on all of them meanwhile.
            double cpuPerRequest = round((cpu[1] - cpu[0]) / (double) Math.max(1, result.calls()));
            put(key + "appCpuMsPerRequest", cpuPerRequest);
            rows.add(List.of(endpoint.getKey(), result.requests(), result.seconds(), result.perSecond(),
                    result.p50Millis(), result.p90Millis(), result.p99Millis(), result.maxMillis(), cpuPerRequest));
        }
        busyTotal(app, step);
        // The goal: as-of within 2x of live at the median, on the busy CRC, under the same load.
        Object live = results.get("queries." + step + ".busyCrcTimeline.p50Ms");
        for (String asOfEndpoint : List.of("asOfBusyCrcTimeline", "asOfBusyCrcTimelineAnyInstant")) {
            Object asOfP50 = results.get("queries." + step + "." + asOfEndpoint + ".p50Ms");
            if (live instanceof Number l && asOfP50 instanceof Number a) {
                put("queries." + step + "." + asOfEndpoint + "ToLiveP50", round(a.doubleValue()
                        / Math.max(0.001, l.doubleValue())));
            }
        }
        // Issue 16: a search, measured against the page's everyday read (a CRC's timeline) under the same load.
        Object timeline = results.get("queries." + step + ".crcTimeline.p50Ms");
        for (String search : SEARCHES) {
            Object searchP50 = results.get("queries." + step + "." + search + ".p50Ms");
            if (timeline instanceof Number t && searchP50 instanceof Number q) {
                put("queries." + step + "." + search + "ToCrcTimelineP50", round(q.doubleValue()
                        / Math.max(0.001, t.doubleValue())));
            }
        }
        put("queries." + step + ".loadAverage", loadAverage());
        table("Queries at " + step + " events: " + clients + " concurrent clients, " + warmupMillis / 1000.0
                        + " s warm-up, then " + measureMillis / 1000.0 + " s or until " + clients + " answers (at most "
                        + maxMeasureMillis / 1000.0 + " s) each (asOf " + at + "; busy CRC "
                        + results.get("queries." + step + ".busyCrcTimelineTotal") + " entries; load average "
                        + results.get("queries." + step + ".loadAverage") + ")",
                List.of("endpoint", "requests", "seconds", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                        "app CPU ms/request"), rows);
    }

    /** How long the busy CRC's timeline is at this step (what the busy figures are about). */
    private void busyTotal(ForkedApp app, int step) {
        try (RawHttp http = new RawHttp(app.port())) {
            RawHttp.Response answer = http.get("/api/crcs/" + LedgerGenerator.BUSY_CRC + "/timeline?page=0&size=1",
                    null, true);
            Load.check(answer, 200);
            put("queries." + step + ".busyCrcTimelineTotal",
                    ((Number) JSON.readValue(answer.body(), Map.class).get("total")).longValue());
        }
    }

    // ---- the independent verifier ------------------------------------------------------------------

    /** The jar's verifier over the whole log of the running app, in this JVM, timed. */
    private void verify(ForkedApp app, int step) throws Exception {
        phase("verify at " + step);
        // Plain text, as any tool asks for it (the bench's raw client asks for JSON).
        java.net.http.HttpResponse<String> key = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port() + "/tlog/vkey"))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (key.statusCode() != 200) {
            throw new IllegalStateException("GET /tlog/vkey answered " + key.statusCode() + ": " + key.body());
        }
        String vkey = key.body().strip();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long cpu = app.cpuMillis();
        long started = System.nanoTime();
        int exit = uk.crcledger.tlog.verify.VerifyCommand.run(new String[] {"--url", "http://127.0.0.1:" + app.port(),
                "--vkey", vkey}, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
        double seconds = seconds(started, System.nanoTime());
        String verdict = out.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        verdict = verdict.substring(verdict.lastIndexOf('\n') + 1);
        if (exit != 0) {
            throw new IllegalStateException("verify exited " + exit + ": " + verdict);
        }
        java.util.regex.Matcher size = java.util.regex.Pattern.compile(" size (\\d+) ").matcher(verdict);
        long leaves = size.find() ? Long.parseLong(size.group(1)) : 0;
        put("verify.leaves", leaves);
        put("verify.seconds", round(seconds));
        put("verify.leavesPerSecond", Math.round(leaves / seconds));
        put("verify.secondsPer100k", round(seconds * 100_000 / Math.max(1, leaves)));
        put("verify.appCpuSeconds", round((app.cpuMillis() - cpu) / 1e3));
        table("The independent verifier over the whole log at " + step + " events (tiles, entry bundles, payloads, "
                        + "root and signature; in the bench's JVM, the app forked)",
                List.of("leaves", "seconds", "leaves/s", "seconds per 100k", "app CPU s", "verdict"),
                List.of(List.of(leaves, results.get("verify.seconds"), results.get("verify.leavesPerSecond"),
                        results.get("verify.secondsPer100k"), results.get("verify.appCpuSeconds"), verdict)));
    }

    // ---- replay ----------------------------------------------------------------------------------

    private void replay(ForkedApp app, MongoDatabase db, MongoLedgerStorageEngine engine, int step) throws Exception {
        long head = engine.headPosition() - 1;
        // The limits first (the scan twice, the better kept): nothing else runs meanwhile.
        long rawScan = Math.max(rawScan(db, head), rawScan(db, head));
        long engineRead = engineRead(engine, head);

        phase("rebuild");
        long cpu = app.cpuMillis();
        long started = System.nanoTime();
        long replayed;
        long live;
        try (RawHttp http = new RawHttp(app.port())) {
            RawHttp.Response answer = http.post("/api/admin/projections/ledger-timelines/rebuild", ADMIN, "{}", true);
            Load.check(answer, 202);
            long deadline = started + Duration.ofMinutes(30).toNanos();
            Map<String, Object> status;
            while (true) {
                status = status(http);
                if ("rebuilding".equals(status.get("state")) && ((Number) status.get("position")).longValue() >= head) {
                    replayed = System.nanoTime();
                    break;
                }
                if ("live".equals(status.get("state"))) {
                    replayed = System.nanoTime(); // switched between two polls
                    break;
                }
                failIfLate(app, deadline, status);
                Thread.sleep(50);
            }
            while (!"live".equals(status.get("state"))) {
                failIfLate(app, deadline, status);
                Thread.sleep(50);
                status = status(http);
            }
            live = System.nanoTime();
        }
        long cpuUsed = app.cpuMillis() - cpu;
        long replayPerSecond = Math.round(head / seconds(started, replayed));
        put("replay.appCpuSeconds", round(cpuUsed / 1e3));
        put("replay.eventsPerAppCpuSecond", Math.round(head / Math.max(0.001, cpuUsed / 1e3)));
        put("replay.events", head);
        put("replay.rebuildEventsPerSecond", replayPerSecond);
        put("replay.rebuildSeconds", round(seconds(started, replayed)));
        put("replay.rebuildUntilLiveSeconds", round(seconds(started, live)));
        put("replay.rawScanEventsPerSecond", rawScan);
        put("replay.engineReadEventsPerSecond", engineRead);
        put("replay.ratioToRawScan", round(replayPerSecond / (double) rawScan));
        put("replay.ratioToEngineRead", round(replayPerSecond / (double) engineRead));
        put("replay.secondsFor1M", round(1_000_000.0 / replayPerSecond));
        table("Replay at " + step + " events (" + head + " positions; the app used "
                        + results.get("replay.appCpuSeconds") + " CPU s until live, "
                        + results.get("replay.eventsPerAppCpuSecond") + " events per CPU s; load average "
                        + loadAverage() + ")",
                List.of("measure", "events/s", "seconds", "ratio of rebuild to it"),
                List.of(List.of("rebuild (admin API, until every segment passed the head)", replayPerSecond,
                                results.get("replay.rebuildSeconds"), 1.0),
                        List.of("  ... until the rebuilt version is live", Math.round(head / seconds(started, live)),
                                results.get("replay.rebuildUntilLiveSeconds"), "-"),
                        List.of("raw reads of '" + COMMITS + "' by _id, 128 per query, BSON decoded (bench JVM)", rawScan,
                                round(head / (double) rawScan), results.get("replay.ratioToRawScan")),
                        List.of("storage engine read + payload deserialization (bench JVM, first "
                                        + Math.min(head, ENGINE_READ_EVENTS) + " events)", engineRead,
                                round(head / (double) engineRead), results.get("replay.ratioToEngineRead"))));
    }

    private static void failIfLate(ForkedApp app, long deadline, Map<String, Object> status) {
        if (System.nanoTime() > deadline || !app.isAlive()) {
            throw new IllegalStateException("The rebuild did not finish: " + status + "; the app's log ends:\n"
                    + app.tail(40));
        }
    }

    /**
     * Events per second of plain reads of the commits collection by {@code _id}, every document decoded:
     * {@value #RAW_SCAN_CHUNK} positions per {@code _id $in} (a commit's id is its first position; ids
     * inside a commit match nothing), the way the engine reads (its chunk: the server checks every hit against the
     * whole list). Not one cursor over the collection: the
     * embedded server materializes a query's whole result before its first batch, and at 1M events that
     * filled the app's heap (the server runs in the app) and left the server unable to answer.
     */
    private static long rawScan(MongoDatabase db, long head) {
        long started = System.nanoTime();
        long events = 0;
        long bytes = 0;
        for (long from = 0; from <= head; from += RAW_SCAN_CHUNK) {
            List<Long> ids = java.util.stream.LongStream.range(from, Math.min(head + 1, from + RAW_SCAN_CHUNK))
                    .boxed().toList();
            for (Document commit : db.getCollection(COMMITS).find(com.mongodb.client.model.Filters.in("_id", ids))) {
                List<Document> inside = commit.getList("events", Document.class);
                events += inside.size();
                for (Document event : inside) {
                    bytes += event.getString("payload").length();
                }
            }
        }
        if (events < head || bytes == 0) {
            throw new IllegalStateException("The raw scan found " + events + " events, expected " + head);
        }
        return Math.round(events / seconds(started, System.nanoTime()));
    }

    private static final int RAW_SCAN_CHUNK = 128;

    /**
     * Events per second of the storage engine's tracking read from the start, payloads deserialized: the
     * first {@value #ENGINE_READ_EVENTS} events (the rate is steady; the whole ledger would take minutes).
     */
    private static long engineRead(MongoLedgerStorageEngine engine, long head) {
        long wanted = Math.min(head, ENGINE_READ_EVENTS);
        long started = System.nanoTime();
        AtomicLong events = new AtomicLong();
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
            stream.limit(wanted).forEach(event -> {
                if (event.getPayload() != null) {
                    events.incrementAndGet();
                }
            });
        }
        if (events.get() < wanted) {
            throw new IllegalStateException("The engine read " + events + " events, expected " + wanted);
        }
        return Math.round(events.get() / seconds(started, System.nanoTime()));
    }

    // ---- ingest ----------------------------------------------------------------------------------

    private void ingest(ForkedApp app, MongoDatabase db, MongoLedgerStorageEngine engine, GrowingLedger ledger,
                        int count, long maxMillis) throws Exception {
        List<String> crcs = new ArrayList<>(ledger.holders().keySet());
        AtomicLong pending = new AtomicLong();
        AtomicInteger serial = new AtomicInteger();
        Load.Request jobCuts = (http, random) -> {
            String crc = crcs.get(random.nextInt(crcs.size()));
            int posts = 1 + random.nextInt(200);
            int n = serial.incrementAndGet();
            LocalDate day = LocalDate.of(2016, 1, 1).plusDays(random.nextInt(700));
            RawHttp.Response answer = http.post("/api/job-cut-announcements", ADMIN, JOB_CUTS.formatted(
                    ledger.holders().get(crc), day, crc, posts, posts, posts, crc, n), true);
            if (answer.status() == 201 && answer.body().contains("\"status\":\"pending\"")) {
                pending.incrementAndGet(); // stored, but not shown by the read model within its wait
            }
            return answer;
        };
        List<List<Object>> rows = new ArrayList<>();
        for (int connections : INGEST_CONNECTIONS) {
            phase("ingest over HTTP, " + connections + " connections");
            long[] cpu = new long[2];
            Load.Result result = Load.forCount(connections, connections, count, maxMillis,
                    Load.http(app.port(), 201, jobCuts), () -> cpu[0] = app.cpuMillis(),
                    () -> cpu[1] = app.cpuMillis());
            String key = "ingest.http." + connections + ".";
            result.asMap().forEach((name, value) -> put(key + name, value));
            put(key + "appCpuMsPerEntry", round((cpu[1] - cpu[0]) / (double) Math.max(1, result.calls())));
        }
        put("ingest.http.answeredPending", pending.get());

        // Raw inserts of documents as large as the app's commit of one job cut, same client settings.
        long head = engine.headPosition();
        Document lastCommit = null;
        long oldest = Math.max(1, head - MongoLedgerStorageEngine.MAX_EVENTS_PER_COMMIT);
        for (long p = head - 1; lastCommit == null && p >= oldest; p--) {
            lastCommit = db.getCollection(COMMITS).find(Filters.eq("_id", p)).first(); // by _id: an index lookup
        }
        if (lastCommit == null) {
            throw new IllegalStateException("No commit at the head after the ingest");
        }
        int commitBytes = new RawBsonDocument(lastCommit, new DocumentCodec()).getByteBuffer().remaining();
        put("ingest.commitDocumentBytes", commitBytes);
        MongoCollection<Document> scratch = db.getCollection(SCRATCH);
        scratch.drop();
        String padding = "x".repeat(Math.max(1, commitBytes - 40));
        AtomicLong ids = new AtomicLong();
        Supplier<Load.Client> inserter = () -> new Load.Client() {
            @Override
            public void call(SplittableRandom random) {
                scratch.insertOne(new Document("_id", ids.incrementAndGet()).append("payload", padding));
            }

            @Override
            public void close() {
            }
        };
        for (int connections : INGEST_CONNECTIONS) {
            phase("raw inserts, " + connections + " threads");
            long[] cpu = new long[2];
            Load.Result result = Load.forCount(connections, connections * 10, count, maxMillis, inserter,
                    () -> cpu[0] = app.cpuMillis(), () -> cpu[1] = app.cpuMillis());
            String key = "ingest.raw." + connections + ".";
            result.asMap().forEach((name, value) -> put(key + name, value));
            long http = (long) results.get("ingest.http." + connections + ".perSecond");
            put(key + "appCpuMsPerInsert", round((cpu[1] - cpu[0]) / (double) Math.max(1, result.calls())));
            put("ingest.ratio." + connections, round(http / (double) result.perSecond()));
            rows.add(List.of(connections, results.get("ingest.http." + connections + ".requests"), http,
                    results.get("ingest.http." + connections + ".p50Ms"),
                    results.get("ingest.http." + connections + ".p99Ms"),
                    results.get("ingest.http." + connections + ".appCpuMsPerEntry"), result.perSecond(),
                    result.p50Millis(), result.p99Millis(), results.get(key + "appCpuMsPerInsert"),
                    results.get("ingest.ratio." + connections)));
        }
        scratch.drop();
        table("Ingest: up to " + count + " job-cut announcements (at most " + maxMillis / 1000 + " s) over HTTP vs "
                        + "raw insertOne of " + commitBytes + "-byte documents (majority, journaled)",
                List.of("connections", "HTTP entries", "HTTP entries/s", "HTTP p50 ms", "HTTP p99 ms",
                        "app CPU ms/entry", "raw inserts/s", "raw p50 ms", "raw p99 ms", "app CPU ms/insert", "ratio"),
                rows);
    }

    // ---- memory ----------------------------------------------------------------------------------

    private void memory(ForkedApp app, AppMemory memory) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try {
            memory.report(figures);
        } finally {
            List<List<Object>> rows = new ArrayList<>();
            figures.forEach((name, value) -> {
                put("memory." + name, value);
                rows.add(List.of(name, value));
            });
            table("Memory of the app (pid " + app.pid() + ") after " + size + " events and the sections above",
                    List.of("measure", "value"), rows);
        }
    }

    /**
     * The app's memory after a step's growth and queries ({@link AppMemory#step}), and how its live heap
     * grew against the ledger since the step before: (heap / heap before) / (events / events before),
     * below 1 when the heap grows less than linearly with the ledger.
     */
    private void stepMemory(ForkedApp app, AppMemory memory, int step, int events) throws Exception {
        String key = "memory." + step + ".";
        Map<String, Object> figures = new LinkedHashMap<>();
        try {
            memory.step(figures, Path.of("target", "bench", "app-" + size + "-heap-at-" + step + ".txt"));
        } finally {
            Object live = figures.remove("heapAfterFullGcBytes");
            put(key + "events", events);
            figures.forEach((name, value) -> put(key + name, value));
            if (figures.get("rssHighWaterMarkMb") instanceof Number hwm) {
                put(key + "rssHighWaterMarkToGoal", round(hwm.doubleValue() / RSS_GOAL_MB));
                put(key + "rssToGoal", round(((Number) figures.get("rssMb")).doubleValue() / RSS_GOAL_MB));
            }
            Object growth = "-";
            if (live instanceof Long bytes) {
                put(key + "heapAfterFullGcBytes", bytes);
                Object before = results.get("memory." + stepBefore() + ".heapAfterFullGcBytes");
                Object eventsBefore = results.get("memory." + stepBefore() + ".events");
                if (before instanceof Long b && eventsBefore instanceof Integer e && b > 0 && e > 0) {
                    growth = round((bytes / (double) b) / (events / (double) e));
                    put(key + "liveHeapGrowthToLedgerGrowth", growth);
                }
            }
            memoryRows.add(java.util.Arrays.asList(step, events, figures.get("rssMb"), figures.get("rssAnonMb"),
                    figures.get("rssFileMb"), figures.get("rssHighWaterMarkMb"), results.get(key + "rssHighWaterMarkToGoal"),
                    figures.get("heapCommittedMb"), figures.get("heapAfterFullGcMb"), growth,
                    figures.get("metaspaceUsedMb"), figures.get("codeCacheCommittedMb"), figures.get("nonHeapCommittedMb"),
                    figures.get("directBuffersMb"), figures.get("mappedBuffersMb"), figures.get("threads"),
                    figures.getOrDefault("nmtCommittedMb", "-")));
            printMemorySteps();
        }
    }

    /** The step measured before {@code step} in this run (the memory rows are in step order). */
    private Object stepBefore() {
        return memoryRows.isEmpty() ? null : memoryRows.get(memoryRows.size() - 1).get(0);
    }

    /** The memory table so far (printed after each step and again at the end). */
    private void printMemorySteps() {
        if (memoryRows.isEmpty()) {
            return;
        }
        table("Memory per step (MB; the app's JVM flags: " + results.get("config.appJvmFlags") + "; after each step's "
                        + "queries; live heap = heap after a full GC; growth = (live heap / the step before's) / (events "
                        + "/ the step before's), < 1 is sublinear; RSS goal " + RSS_GOAL_MB + " MB; file-backed RSS is "
                        + "the search index's mapped files, page cache the kernel can reclaim)",
                List.of("step", "events", "RSS", "RSS anon", "RSS file", "RSS peak (VmHWM)", "peak / goal",
                        "heap committed", "live heap", "live heap growth / ledger growth", "metaspace used",
                        "code cache", "non-heap committed", "direct buffers", "mapped buffers", "threads",
                        "NMT committed"),
                memoryRows);
    }

    // ---- targets ---------------------------------------------------------------------------------

    private void printTargets(List<Integer> steps) {
        List<List<Object>> rows = new ArrayList<>();
        for (int connections : INGEST_CONNECTIONS) {
            target(rows, "ingest.ratio." + connections, ">= 0.6 x raw insert", v -> v >= 0.6);
        }
        target(rows, "replay.ratioToRawScan", ">= 0.5 x raw scan", v -> v >= 0.5);
        target(rows, "verify.secondsPer100k", "verify of 100k events < 60 s", v -> v < 60);
        target(rows, "replay.secondsFor1M", "1M events < 60 s (extrapolated below 1M)", v -> v < 60);
        for (int step : steps) {
            target(rows, "queries." + step + ".crcTimeline.p99Ms", "p99 < 20 ms", v -> v < 20);
            target(rows, "queries." + step + ".busyCrcTimeline.p99Ms", "p99 < 20 ms", v -> v < 20);
            target(rows, "queries." + step + ".providerTimeline.p99Ms", "p99 < 20 ms", v -> v < 20);
            target(rows, "queries." + step + ".entryProof.p99Ms", "p99 < 20 ms", v -> v < 20);
            for (String search : SEARCHES) {
                target(rows, "queries." + step + "." + search + "ToCrcTimelineP50",
                        "search p50 <= 2 x a CRC timeline's p50 (same load)", v -> v <= 2);
            }
            // Issue 15: an as-of answer within 2x of the live one at the median, on the busy CRC.
            target(rows, "queries." + step + ".asOfBusyCrcTimelineToLiveP50", "as-of p50 <= 2 x live (same instant)",
                    v -> v <= 2);
            target(rows, "queries." + step + ".asOfBusyCrcTimelineAnyInstantToLiveP50",
                    "as-of p50 <= 2 x live (a new instant each request)", v -> v <= 2);
            // Issue 17: the app's resident set under 1 GB, its live heap growing less than the ledger.
            target(rows, "memory." + step + ".rssHighWaterMarkToGoal", "RSS peak < " + RSS_GOAL_MB + " MB (ratio < 1)",
                    v -> v < 1);
            if (step != steps.get(0)) {
                target(rows, "memory." + step + ".liveHeapGrowthToLedgerGrowth",
                        "live heap growth / ledger growth < 1 (sublinear)", v -> v < 1);
            }
        }
        // Issue 15's rebuild goals (the lines above are earlier, stricter ones).
        target(rows, "issue15.replay.ratioToRawScan", "replay.ratioToRawScan", ">= 0.3 x raw scan (issue 15)",
                v -> v >= 0.3);
        target(rows, "issue15.replay.secondsFor1M", "replay.secondsFor1M", "1M events < 120 s (issue 15)",
                v -> v < 120);
        int first = steps.get(0);
        int last = steps.get(steps.size() - 1);
        if (first != last) {
            for (String endpoint : List.of("crcTimeline", "busyCrcTimeline", "providerTimeline", "entryProof")) {
                Object a = results.get("queries." + first + "." + endpoint + ".p99Ms");
                Object b = results.get("queries." + last + "." + endpoint + ".p99Ms");
                if (a instanceof Number x && b instanceof Number y && x.doubleValue() > 0) {
                    put("targets.flatness." + endpoint, round(y.doubleValue() / x.doubleValue()));
                    target(rows, "targets.flatness." + endpoint, "p99 at " + last + " / at " + first + " <= 1.5 (flat)",
                            v -> v <= 1.5);
                }
            }
        }
        table("Targets", List.of("measure", "target", "value", "met"), rows);
    }

    private void target(List<List<Object>> rows, String key, String target,
                        java.util.function.DoublePredicate met) {
        target(rows, key, key, target, met);
    }

    /** A target named {@code id} on the measure {@code key} (two targets may judge one measure). */
    private void target(List<List<Object>> rows, String id, String key, String target,
                        java.util.function.DoublePredicate met) {
        Object value = results.get(key);
        if (value instanceof Number number) {
            boolean ok = met.test(number.doubleValue());
            rows.add(List.of(key, target, value, ok ? "yes" : "NO"));
            results.put("targetMet." + id, ok);
        } else {
            rows.add(List.of(key, target, "-", "not measured"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    interface Section {
        void run() throws Exception;
    }

    /** Runs a section; a failure is printed and remembered, and fails the benchmark at the end. */
    private void section(String name, Section section) {
        phase(name);
        try {
            section.run();
        } catch (Exception | AssertionError e) {
            System.err.println("Section '" + name + "' failed:");
            e.printStackTrace();
            failures.add(name + ": " + e);
        }
    }

    /** When each phase starts, to slice a flight recording of the app by phase. */
    private static void phase(String name) {
        System.out.println("[bench] " + Instant.now() + " " + name);
    }

    /** 10k, 100k, 1M below {@code size}, then {@code size}. */
    static List<Integer> steps(int size) {
        List<Integer> steps = new ArrayList<>();
        for (int step : new int[] {10_000, 100_000, 1_000_000}) {
            if (step < size) {
                steps.add(step);
            }
        }
        steps.add(size);
        return steps;
    }

    private void put(String key, Object value) {
        results.put(key, value);
    }

    private static void table(String title, List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("\n### ").append(title).append("\n| ")
                .append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<Object> row : rows) {
            out.append("| ");
            for (Object cell : row) {
                out.append(cell).append(" | ");
            }
            out.setLength(out.length() - 1);
            out.append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    private static double seconds(long fromNanos, long toNanos) {
        return Math.max(1, toNanos - fromNanos) / 1e9;
    }

    private static long millisSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** The 1-minute load average (Linux), -1 elsewhere. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
