package uk.crcledger.api.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.TestDirectories;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * Imports 10,000 generated rows (job cuts and incident reports on two CRCs) through {@code POST /api/imports}, then
 * the same file again, and compares the import's rate with the limit measured in the same run: the rate of single
 * JSON POSTs of the same kinds of entry sent by as many clients as the import records rows at once (4). The import
 * must reach at least half that rate (it skips HTTP and the wait for the read model per row, but records each row
 * through the same command). Prints a table and writes {@code target/bench/import.json}. Run:
 * {@code mvn -B -o -Pbench verify -pl ledger-api -am -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code bench.import.rows}, {@code bench.import.posts} to change the figures).
 */
@Tag("bench")
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportBenchmark {

    private static final String ADMIN = "admin.import-bench-secret-0123456789";
    private static final String PROVIDER = "import-bench-provider";
    private static final List<String> CRCS = List.of("import-bench-north", "import-bench-south");
    private static final int CLIENTS = 4;
    private static final double MIN_RATIO = 0.5;
    private static final Path dataDir = TestDirectories.temporary("ledger-import-bench");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
        registry.add("ledger.imports.concurrency", () -> String.valueOf(CLIENTS));
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private String recorder;

    @BeforeAll
    void referenceFacts() {
        api = new HttpLedger(port);
        recorder = api.token(ADMIN, "bench-recorder", "recorder");
        assertThat(api.post("/api/providers", ADMIN, Map.of("providerId", PROVIDER, "name", "Bench Futures"))
                .status()).isEqualTo(201);
        for (String crc : CRCS) {
            assertThat(api.post("/api/crcs", ADMIN, Map.of("crcId", crc, "name", "CRC " + crc)).status())
                    .isEqualTo(201);
            assertThat(api.post("/api/contract-awards", ADMIN, Map.of("crcId", crc, "providerId", PROVIDER,
                    "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                    "sources", List.of(source("PQ 221779")))).status()).isEqualTo(201);
        }
    }

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("type,providerId,crcIds,crcs.crcId,announcedOn,occurredOn,category,"
                + "summary,totalPosts,description,sources.title,sources.documentReference\r\n");
        for (int i = 0; i < rows; i++) {
            String crc = CRCS.get(i % CRCS.size());
            String day = "2016-" + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28);
            if (i % 2 == 0) {
                csv.append("job-cut-announcement,").append(PROVIDER).append(",,").append(crc).append(',').append(day)
                        .append(",,,,").append(1 + i).append(",imported cut ").append(i);
            } else {
                csv.append("incident-report,,").append(crc).append(",,,").append(day).append(",staffing,imported ")
                        .append("incident ").append(i).append(",,");
            }
            csv.append(",Napo blog,Napo blog ").append(i).append("\r\n");
        }
        return csv.toString();
    }

    /** Seconds to record {@code posts} entries by single POSTs from {@link #CLIENTS} clients at once. */
    private double singlePosts(int posts) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            int k = i;
            answers.add(clients.submit(() -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("providerId", PROVIDER);
                body.put("announcedOn", "2016-01-20");
                body.put("crcs", List.of(Map.of("crcId", CRCS.get(k % CRCS.size()))));
                body.put("totalPosts", 1 + k);
                body.put("description", "posted cut " + k);
                body.put("sources", List.of(source("Napo blog post " + k)));
                return api.post("/api/job-cut-announcements", recorder, body).status();
            }));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(201);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        return seconds;
    }

    /** Uploads the file and answers the seconds until the import finished, and its resource. */
    private Map.Entry<Double, Map<String, Object>> importFile(String csv) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/imports"))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + recorder)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(api.get(location, recorder).json().get("status")));
        double seconds = (System.nanoTime() - start) / 1e9;
        return Map.entry(seconds, api.get(location, recorder).json());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void tenThousandRowsImportAtLeastHalfAsFastAsSinglePosts() throws Exception {
        int rows = Integer.getInteger("bench.import.rows", 10_000);
        int posts = Integer.getInteger("bench.import.posts", 500);
        String csv = csv(rows);

        double postSeconds = singlePosts(posts);
        Map.Entry<Double, Map<String, Object>> first = importFile(csv);
        Map.Entry<Double, Map<String, Object>> again = importFile(csv);

        double postRate = posts / postSeconds;
        double importRate = rows / first.getKey();
        double ratio = importRate / postRate;
        String table = String.format("""
                        Import benchmark (%d rows, %d clients / rows at once)
                          single POSTs:   %6d entries in %7.2f s = %8.1f entries/s (the limit's base)
                          import:         %6d rows    in %7.2f s = %8.1f rows/s   (%.2fx the POSTs; limit %.2fx)
                          re-upload:      %6d rows    in %7.2f s = %8.1f rows/s   (all already recorded)
                        """, rows, CLIENTS, posts, postSeconds, postRate, rows, first.getKey(), importRate, ratio,
                MIN_RATIO, rows, again.getKey(), rows / again.getKey());
        System.out.println(table);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "import.json"), HttpLedger.JSON.writeValueAsString(Map.of(
                "rows", rows, "posts", posts, "postSeconds", postSeconds, "importSeconds", first.getKey(),
                "reuploadSeconds", again.getKey(), "importRowsPerSecond", importRate, "postsPerSecond", postRate,
                "ratio", ratio, "limitRatio", MIN_RATIO)));

        assertThat(first.getValue()).containsEntry("status", "finished").containsEntry("recorded", rows)
                .containsEntry("failed", 0);
        assertThat(again.getValue()).containsEntry("status", "finished").containsEntry("recorded", 0)
                .containsEntry("alreadyRecorded", rows);
        assertThat(ratio).as(table).isGreaterThanOrEqualTo(MIN_RATIO);
    }
}
