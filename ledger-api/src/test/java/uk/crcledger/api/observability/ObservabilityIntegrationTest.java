package uk.crcledger.api.observability;

import uk.crcledger.api.testing.TestDirectories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import uk.crcledger.api.LedgerApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, probes, Prometheus meters and request ids, end to end: the app on a random port with the
 * embedded store and no seed, entries recorded and refused over HTTP.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIntegrationTest {

    private static final String ADMIN = "admin.observability-secret-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path dataDir = TestDirectories.temporary("ledger-observability-test");


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", dataDir::toString);
        registry.add("ledger.seed", () -> "false");
        registry.add("ledger.tlog.checkpoint-interval", () -> "100ms");
        registry.add("ledger.admin-token", () -> ADMIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    List<io.micrometer.core.instrument.MeterRegistry> registries;

    private final HttpClient client = HttpClient.newHttpClient();
    private String editor;

    @BeforeAll
    void recordAndRefuse() {
        HttpResponse<String> token = post("/api/admin/tokens", ADMIN, Map.of("name", "alice", "role", "editor"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        editor = (String) json(token).get("token");
        assertThat(post("/api/crcs", editor, Map.of("crcId", "essex", "name", "Essex")).statusCode()).isEqualTo(201);
        assertThat(post("/api/providers", editor, Map.of("providerId", "sodexo-nacro", "name", "Sodexo"))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> award = post("/api/contract-awards", editor, Map.of("crcId", "essex",
                "providerId", "sodexo-nacro", "signedOn", "2014-12-18", "startsOn", "2015-02-01",
                "plannedEndOn", "2022-01-31",
                "sources", List.of(Map.of("title", "PQ 221779", "documentReference", "PQ 221779"))));
        assertThat(award.statusCode()).as(award.body()).isEqualTo(201);
        HttpResponse<String> beforeTheAward = post("/api/job-cut-announcements", editor, Map.of(
                "providerId", "sodexo-nacro", "announcedOn", "2014-06-01", "crcs", List.of(Map.of("crcId", "essex")),
                "totalPosts", 10, "description", "before the contract",
                "sources", List.of(Map.of("title", "Napo", "documentReference", "Napo blog"))));
        assertThat(beforeTheAward.statusCode()).as(beforeTheAward.body()).isEqualTo(422);
        HttpResponse<String> asOf = get("/api/crcs/essex/timeline?asOf=" + Instant.now(), null);
        assertThat(asOf.statusCode()).as(asOf.body()).isEqualTo(200);
    }

    @Test
    void healthIsUpWithTheLedgersOwnChecks() {
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        Map<String, Object> body = json(health);
        assertThat(body).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) body.get("components");
        assertThat(components).containsKeys("mongo", "readModel");
        assertThat(components.get("mongo")).containsEntry("status", "UP");
        assertThat(components.get("readModel")).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> readModel = (Map<String, Object>) components.get("readModel").get("details");
        assertThat(readModel).containsEntry("processor", "ledger-timelines").containsEntry("state", "live")
                .containsKeys("activeVersion", "position", "head", "lag");
        assertThat(health.body()).doesNotContain("mongodb://");
    }

    @Test
    void probesAnswer() {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"mongo\"", "\"readModel\"");
        HttpResponse<String> liveness = get("/actuator/health/liveness", null);
        assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        assertThat(liveness.body()).doesNotContain("\"mongo\"");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env", null).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusShowsTheLedgersAndAxonsMeters() {
        String expectedAward = "ledger_entries_recorded_total\\{[^}]*type=\"contract-award\"[^}]*} 1.0";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = get("/actuator/prometheus", null).body();
            assertThat(metrics).containsPattern(Pattern.compile(expectedAward));
            assertThat(metrics).containsPattern("ledger_processor_lag_events\\{[^}]*processor=\"ledger-timelines\"[^}]*} 0.0");
            // The log has integrated and signed what was recorded; this instance integrates; no alarm.
            java.util.regex.Matcher integrated = Pattern.compile("(?m)^ledger_tlog_integrated_leaves\\S* (\\d+)\\.0$").matcher(metrics);
            assertThat(integrated.find()).as("ledger_tlog_integrated_leaves").isTrue();
            assertThat(Long.parseLong(integrated.group(1))).isPositive();
            assertThat(metrics).containsPattern("(?m)^ledger_tlog_checkpoint_size\\S* " + integrated.group(1) + "\\.0$")
                    .containsPattern("(?m)^ledger_tlog_integrating\\S* 1\\.0$")
                    .containsPattern("(?m)^ledger_tlog_alarm\\S* 0\\.0$");
        });
        HttpResponse<String> scrape = get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics)
                .containsPattern("ledger_entries_recorded_total\\{[^}]*type=\"job-cut-announcement\"[^}]*} 0.0")
                .containsPattern("ledger_commands_rejected_total\\{[^}]*rule=\"HoldingConflictException\"[^}]*} 1.0")
                .containsPattern("ledger_processor_lag_seconds\\{[^}]*processor=\"ledger-timelines\"[^}]*} ")
                .containsPattern("ledger_rebuild_progress_ratio(\\{[^}]*})? 1.0")
                .containsPattern("ledger_asof_query_seconds_count(\\{[^}]*})? [1-9]")
                .containsPattern("ledger_idempotent_replays_total(\\{[^}]*})? 0.0")
                .containsPattern("(?m)^(commandBus|eventProcessor)\\w*");
    }

    @Test
    void axonMetersGoToBootsOneRegistry() {
        assertThat(registries).hasSize(1);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        HttpResponse<String> generated = get("/api/crcs/essex", null);
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id)
                .matches("[0-9a-f-]{36}"));
        HttpResponse<String> kept = send(HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus"))
                .header("X-Request-Id", "probe-42").GET());
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("probe-42");
        HttpResponse<String> insane = send(HttpRequest.newBuilder(URI.create(base() + "/api/crcs"))
                .header("X-Request-Id", "x".repeat(65)).GET());
        assertThat(insane.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id)
                .isNotEqualTo("x".repeat(65)).matches("[0-9a-f-]{36}"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        return JSON.readValue(response.body(), Map.class);
    }
}
