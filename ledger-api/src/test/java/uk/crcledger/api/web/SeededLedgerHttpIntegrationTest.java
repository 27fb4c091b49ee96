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

/** A newcomer's first look: the app started as the README says, with the reference history in it. */
class SeededLedgerHttpIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void showsWestYorkshiresAwardAndJobCutsInDateOrder() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir)) {
            HttpLedger api = new HttpLedger(((WebServerApplicationContext) app).getWebServer().getPort());

            HttpLedger.Answer timeline = api.get("/api/crcs/west-yorkshire/timeline", null);

            assertThat(timeline.status()).isEqualTo(200);
            List<Map<String, Object>> items = timeline.items();
            assertThat(items).extracting(i -> (String) i.get("occurredOn")).isSorted();
            List<Map<String, Object>> awardAndCuts = items.stream()
                    .filter(i -> List.of("contract-award", "job-cut-announcement").contains(i.get("type"))).toList();
            assertThat(awardAndCuts).extracting(i -> i.get("type"), i -> i.get("occurredOn"), i -> i.get("providerId"))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("contract-award", "2014-12-18", "purple-futures"),
                            org.assertj.core.groups.Tuple.tuple("job-cut-announcement", "2016-01-20", "purple-futures"));
            assertThat(api.get("/api/crcs", null).items()).hasSize(21);
            assertThat(api.get("/api/providers", null).items()).hasSize(8);
            assertThat(dataDir.resolve("admin.token")).exists();
        }
    }
}
