package uk.crcledger.api.observability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * {@code ledger.log.json=true} ({@code LEDGER_LOG_JSON=true}) turns on Spring Boot's structured
 * console logging in the Elastic Common Schema: one JSON object per line, with the MDC's
 * {@code requestId} and {@code entryId} as fields. {@code ledger.log.json-format} picks another of
 * Boot's formats ({@code logstash}, {@code gelf}); an explicit {@code logging.structured.format.console}
 * wins over both. Runs after the configuration files are read and before logging starts.
 */
public class JsonLogsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String JSON = "ledger.log.json";
    static final String FORMAT = "ledger.log.json-format";
    static final String CONSOLE_FORMAT = "logging.structured.format.console";
    static final String SOURCE = "ledgerJsonLogs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(JSON, Boolean.class, false) || environment.containsProperty(CONSOLE_FORMAT)) {
            return;
        }
        String format = environment.getProperty(FORMAT, "ecs");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(CONSOLE_FORMAT, format)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
