package uk.crcledger.api.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import uk.crcledger.api.LedgerApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tries to lose data: a forked app takes job cuts from 8 concurrent HTTP clients and is killed (kill -9)
 * at a random moment; after a restart every acknowledged entry is there exactly as answered, ledger
 * positions are distinct, and a rebuild equals the live read model. Repeated {@code bench.crashes}
 * times (20 by default). Run: {@code mvn -B -pl ledger-api -am -Pbench test -Dtest=AppCrashBenchmark}.
 */
@Tag("bench")
class AppCrashBenchmark {

    private static final String ADMIN = "admin.crash-bench-secret-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CUTS = "{\"providerId\":\"sodexo-nacro\",\"announcedOn\":\"2016-01-20\","
            + "\"crcs\":[{\"crcId\":\"essex\"}],\"totalPosts\":%d,\"description\":\"crash round %d writer %d\","
            + "\"sources\":[{\"title\":\"t\",\"documentReference\":\"r\"}]}";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void losesNothingAcknowledgedWhenKilled() throws Exception {
        int rounds = Integer.getInteger("bench.crashes", 20);
        Random random = new Random(7);
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        int port = freePort();
        Process app = start(port);
        try {
            post(port, "/api/crcs", "{\"crcId\":\"essex\",\"name\":\"Essex\"}");
            post(port, "/api/providers", "{\"providerId\":\"sodexo-nacro\",\"name\":\"Sodexo\"}");
            post(port, "/api/contract-awards", "{\"crcId\":\"essex\",\"providerId\":\"sodexo-nacro\","
                    + "\"signedOn\":\"2014-12-18\",\"startsOn\":\"2015-02-01\",\"plannedEndOn\":\"2022-01-31\","
                    + "\"sources\":[{\"title\":\"t\",\"documentReference\":\"r\"}]}");
            for (int round = 0; round < rounds; round++) {
                int killAfter = 20 + random.nextInt(150);
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService writers = Executors.newFixedThreadPool(8);
                int r = round;
                for (int w = 0; w < 8; w++) {
                    int writer = w;
                    writers.submit(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            int posts = 1 + (r * 1000 + writer * 100 + n) % 5000;
                            HttpResponse<String> answer = tryPost(port, "/api/job-cut-announcements",
                                    CUTS.formatted(posts, r, writer));
                            if (answer != null && answer.statusCode() == 201) {
                                String id = (String) JSON.readValue(answer.body(), Map.class).get("entryId");
                                acknowledged.put(id, posts);
                            }
                        }
                    });
                }
                int target = acknowledged.size() + killAfter;
                await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= target);
                app.destroyForcibly(); // kill -9, mid-write
                app.waitFor();
                stop.set(true);
                writers.shutdown();
                app = start(port);
                check(port, acknowledged);
            }
            System.out.printf("%n| crashes | acknowledged entries | lost |%n|---|---|---|%n| %d | %d | 0 |%n", rounds,
                    acknowledged.size());
            // A rebuild replays what is stored and must give the same read model.
            Object before = get(port, "/api/crcs/essex/timeline?size=200&page=0").body();
            assertThat(post(port, "/api/admin/projections/ledger-timelines/rebuild", "{}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofMinutes(5)).until(() -> get(port, "/api/admin/projections").body()
                    .contains("\"state\":\"live\""));
            assertThat(get(port, "/api/crcs/essex/timeline?size=200&page=0").body()).isEqualTo(before);
        } finally {
            app.destroyForcibly();
        }
    }

    @SuppressWarnings("unchecked")
    private void check(int port, Map<String, Integer> acknowledged) {
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            Map<String, Object> status = (Map<String, Object>) ((List<Object>) JSON.readValue(
                    get(port, "/api/admin/projections").body(), Map.class).get("items")).get(0);
            return ((Number) status.get("position")).longValue() >= ((Number) status.get("headPosition")).longValue();
        });
        Set<Object> positions = new HashSet<>();
        for (Map.Entry<String, Integer> entry : acknowledged.entrySet()) {
            HttpResponse<String> answer = get(port, "/api/entries/" + entry.getKey());
            assertThat(answer.statusCode()).as(entry.getKey()).isEqualTo(200);
            Map<String, Object> stored = JSON.readValue(answer.body(), Map.class);
            assertThat(((Number) stored.get("totalPosts")).intValue()).isEqualTo(entry.getValue());
            assertThat(positions.add(stored.get("ledgerPosition"))).as("distinct ledger positions").isTrue();
        }
    }

    private Process start(int port) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                "--server.port=" + port, "--ledger.data-dir=" + dataDir, "--ledger.seed=false",
                "--ledger.admin-token=" + ADMIN)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("app.log").toFile())).start();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            try {
                return get(port, "/actuator/health/readiness").statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return process;
    }

    private HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN).GET().build());
    }

    private HttpResponse<String> post(int port, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> tryPost(int port, String path, String body) {
        try {
            return post(port, path, body);
        } catch (RuntimeException e) {
            return null; // the app was killed under us: this request was never acknowledged
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
