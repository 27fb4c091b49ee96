package uk.crcledger.api.tlog;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checkpoint interval: after the first checkpoint, none is signed again within the interval (an
 * hour here) although the tree grows, and an entry recorded since is answered "not yet" (409 with
 * Retry-After) when its proof is asked for.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CheckpointIntervalIntegrationTest {

    private static final String ADMIN = "admin.interval-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("tlog-interval-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
        registry.add("ledger.tlog.checkpoint-interval", () -> "1h");
    }

    @LocalServerPort
    int port;

    @SuppressWarnings("unchecked")
    private Map<String, Object> tlog(HttpLedger api) {
        Map<String, Object> components = (Map<String, Object>) api.get("/actuator/health", null).json().get("components");
        return (Map<String, Object>) ((Map<String, Object>) components.get("tlog")).get("details");
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @Test
    void signsAtMostOncePerIntervalAndSaysNotYetForWhatCameAfter() {
        HttpLedger api = new HttpLedger(port);
        assertThat(api.post("/api/crcs", ADMIN, Map.of("crcId", "west-yorkshire", "name", "West Yorkshire")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/providers", ADMIN, Map.of("providerId", "purple-futures", "name", "Purple Futures",
                "kind", "consortium", "members", List.of("Interserve"))).status()).isEqualTo(201);
        Answer first = api.post("/api/contract-awards", ADMIN, Map.of("crcId", "west-yorkshire", "providerId",
                "purple-futures", "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                "sources", List.of(HttpLedger.source("PQ 221779"))));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        // The first checkpoint is signed at once; it covers at least the first entity.
        long signed = await().atMost(Duration.ofSeconds(30)).until(() -> number(tlog(api).get("checkpointSize")), s -> s > 0);

        Answer later = api.post("/api/job-cut-announcements", ADMIN, Map.of("providerId", "purple-futures",
                "announcedOn", "2016-01-20", "crcs", List.of(Map.of("crcId", "west-yorkshire")), "totalPosts", 100,
                "description", "Cuts announced", "sources", List.of(HttpLedger.source("Napo newsletter"))));
        assertThat(later.status()).as(later.body()).isEqualTo(201);
        long laterPosition = number(later.json().get("ledgerPosition"));
        await().atMost(Duration.ofSeconds(30)).until(() -> number(tlog(api).get("integratedSize")) >= laterPosition);

        assertThat(number(tlog(api).get("checkpointSize"))).as("no second checkpoint within the interval")
                .isEqualTo(signed).isLessThan(laterPosition);
        Answer notYet = api.get("/api/entries/" + later.json().get("entryId") + "/proof", null);
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.contentType()).startsWith("application/problem+json");
        assertThat(notYet.header("Retry-After")).isEqualTo("3600");
    }
}
