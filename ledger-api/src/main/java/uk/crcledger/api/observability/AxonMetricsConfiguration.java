package uk.crcledger.api.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer metrics (command bus, event bus, event processors, query bus) on Spring Boot's
 * meter registry, so they reach {@code /actuator/prometheus}. Honours Axon's own properties
 * {@code axon.metrics.auto-configuration.enabled} and {@code axon.metrics.micrometer.dimensional}.
 * <p>
 * This replaces Axon's {@code MicrometerMetricsAutoConfiguration} (excluded in
 * {@code application.properties}): Axon 4.13 orders it after Spring Boot 3's metrics
 * auto-configuration class names, which Spring Boot 4 renamed, so it ran first and, finding no
 * meter registry yet, made its own {@code SimpleMeterRegistry} next to Boot's. The registry is a
 * {@link ShortWindowMetricRegistry}: Axon's meters with a one-minute capacity window.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.metrics.auto-configuration.enabled", matchIfMissing = true)
public class AxonMetricsConfiguration {

    @Bean
    GlobalMetricRegistry axonGlobalMetricRegistry(MeterRegistry meterRegistry) {
        return new ShortWindowMetricRegistry(meterRegistry);
    }

    @Bean
    MetricsConfigurerModule axonMetricsConfigurerModule(GlobalMetricRegistry axonGlobalMetricRegistry,
            @Value("${axon.metrics.micrometer.dimensional:false}") boolean dimensional) {
        return new MetricsConfigurerModule(axonGlobalMetricRegistry, dimensional);
    }
}
