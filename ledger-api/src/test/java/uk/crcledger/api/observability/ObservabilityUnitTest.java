package uk.crcledger.api.observability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;
import uk.crcledger.timeline.LedgerQueries;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The pieces that need no running ledger: log switches, request ids, redaction and the ledger's meters. */
class ObservabilityUnitTest {

    @Test
    void ledgerLogJsonTurnsOnStructuredConsoleLogs() {
        MockEnvironment json = new MockEnvironment().withProperty("ledger.log.json", "true");
        new JsonLogsEnvironmentPostProcessor().postProcessEnvironment(json, new SpringApplication());
        assertThat(json.getProperty("logging.structured.format.console")).isEqualTo("ecs");

        MockEnvironment logstash = new MockEnvironment().withProperty("ledger.log.json", "true")
                .withProperty("ledger.log.json-format", "logstash");
        new JsonLogsEnvironmentPostProcessor().postProcessEnvironment(logstash, new SpringApplication());
        assertThat(logstash.getProperty("logging.structured.format.console")).isEqualTo("logstash");

        MockEnvironment plain = new MockEnvironment().withProperty("ledger.log.json", "false");
        new JsonLogsEnvironmentPostProcessor().postProcessEnvironment(plain, new SpringApplication());
        assertThat(plain.containsProperty("logging.structured.format.console")).isFalse();
    }

    @Test
    void requestIdsFromCallersAreKeptOnlyWhenSane() {
        assertThat(RequestIdFilter.requestId("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
        assertThat(RequestIdFilter.requestId("line\nbreak")).matches("[0-9a-f-]{36}");
        assertThat(RequestIdFilter.requestId("x".repeat(65))).matches("[0-9a-f-]{36}");
        assertThat(RequestIdFilter.requestId(null)).matches("[0-9a-f-]{36}");
    }

    @Test
    void connectionStringsAreRedacted() {
        assertThat(Redaction.redact("cannot reach mongodb://user:secret@db:27017/ledger now"))
                .isEqualTo("cannot reach mongodb://*** now").doesNotContain("secret");
    }

    @Test
    void asOfQueriesAreTimedWhereTheyAreAsked() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LedgerMetrics metrics = new LedgerMetrics(registry);
        LedgerQueries asOf = mock(LedgerQueries.class);
        when(asOf.crc("essex")).thenReturn(Optional.empty());
        assertThat(registry.get(LedgerMetrics.AS_OF_QUERY).timer().count()).isZero();
        assertThat(metrics.timeAsOf(asOf).crc("essex")).isEmpty();
        assertThat(registry.get(LedgerMetrics.AS_OF_QUERY).timer().count()).isEqualTo(1);
        metrics.idempotentReplay();
        assertThat(registry.get(LedgerMetrics.IDEMPOTENT_REPLAYS).counter().count()).isEqualTo(1.0);
    }
}
