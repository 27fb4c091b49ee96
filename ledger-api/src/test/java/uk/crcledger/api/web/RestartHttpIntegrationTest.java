package uk.crcledger.api.web;

import uk.crcledger.api.testing.HttpLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.LedgerApplication;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What was recorded over HTTP is there after the app restarts on the same data directory. */
class RestartHttpIntegrationTest {

    private static final String ADMIN = "admin.restart-test-secret-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void keepsEntriesTokensAndIdempotencyKeysAcrossARestart() {
        String entryId;
        String editor;
        try (ConfigurableApplicationContext app = start()) {
            HttpLedger api = new HttpLedger(port(app));
            editor = api.token(ADMIN, "eddie", "editor");
            assertThat(api.post("/api/crcs", editor, Map.of("crcId", "essex", "name", "Essex")).status())
                    .isEqualTo(201);
            assertThat(api.post("/api/providers", editor, Map.of("providerId", "sodexo-nacro",
                    "name", "Sodexo Justice Services (with Nacro)")).status()).isEqualTo(201);
            HttpLedger.Answer award = api.post("/api/contract-awards", editor, "{\"crcId\":\"essex\","
                    + "\"providerId\":\"sodexo-nacro\",\"signedOn\":\"2014-12-18\",\"startsOn\":\"2015-02-01\","
                    + "\"plannedEndOn\":\"2022-01-31\",\"sources\":[{\"title\":\"PQ 221779\","
                    + "\"documentReference\":\"PQ 221779\"}]}", Map.of("Idempotency-Key", "essex-award"));
            assertThat(award.status()).isEqualTo(201);
            entryId = (String) award.json().get("entryId");
        }

        try (ConfigurableApplicationContext app = start()) {
            HttpLedger api = new HttpLedger(port(app));
            assertThat(api.get("/api/entries/" + entryId, null).status()).isEqualTo(200);
            assertThat(api.get("/api/crcs/essex", null).json()).containsEntry("currentProviderId", "sodexo-nacro");
            HttpLedger.Answer retry = api.post("/api/contract-awards", editor, "{\"crcId\":\"essex\","
                    + "\"providerId\":\"sodexo-nacro\",\"signedOn\":\"2014-12-18\",\"startsOn\":\"2015-02-01\","
                    + "\"plannedEndOn\":\"2022-01-31\",\"sources\":[{\"title\":\"PQ 221779\","
                    + "\"documentReference\":\"PQ 221779\"}]}", Map.of("Idempotency-Key", "essex-award"));
            assertThat(retry.json().get("entryId")).isEqualTo(entryId);
            assertThat(api.get("/api/crcs/essex/timeline", null).items()).extracting(i -> i.get("entryId"))
                    .isEqualTo(List.of(entryId));
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=" + dataDir, "--ledger.seed=false", "--ledger.admin-token=" + ADMIN);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
