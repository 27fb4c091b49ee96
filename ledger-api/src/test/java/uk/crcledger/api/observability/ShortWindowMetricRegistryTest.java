package uk.crcledger.api.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The capacity gauges look back one minute, not Axon's ten: a message handled longer ago no longer counts,
 * so the monitors hold no more than a minute of messages. The meters are the ones Axon's own registry makes.
 */
class ShortWindowMetricRegistryTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final ShortWindowMetricRegistry registry = new ShortWindowMetricRegistry(meters, clock);

    @Test
    void anEventProcessorsCapacityForgetsWhatItHandledMoreThanAMinuteAgo() {
        MessageMonitor<? super EventMessage<?>> processor = registry.registerEventProcessor(
                "eventProcessor", message -> Tags.of("processorName", "ledger-timelines"),
                message -> Tags.of("processorName", "ledger-timelines"));

        handleFor(processor, GenericEventMessage.<Object>asEventMessage("recorded"), Duration.ofSeconds(30));

        String gauge = "eventProcessor.capacity";
        assertThat(meters.get(gauge).tag("processorName", "ledger-timelines").gauge().value())
                .as("30 s busy in a one-minute window").isEqualTo(0.5);
        clock.add(Duration.ofSeconds(61));
        assertThat(meters.get(gauge).gauge().value()).as("a minute later").isZero();
    }

    /**
     * Registered the way Axon's configurer registers them (by component type, plain and with tags), every
     * component gets the meters Axon's own registry gives it, and the query update emitter, which Axon wires
     * through a private method, a one-minute capacity window too.
     */
    @Test
    void everyComponentGetsAxonsMetersWithAOneMinuteCapacity() {
        SimpleMeterRegistry axons = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        GlobalMetricRegistry axon = new GlobalMetricRegistry(axons);
        Map<Class<?>, Message<?>> components = new LinkedHashMap<>();
        components.put(EventProcessor.class, GenericEventMessage.asEventMessage("event"));
        components.put(CommandBus.class, GenericCommandMessage.asCommandMessage("command"));
        components.put(EventBus.class, GenericEventMessage.asEventMessage("event"));
        components.put(QueryBus.class, new GenericQueryMessage<>("query", ResponseTypes.instanceOf(String.class)));
        components.put(QueryUpdateEmitter.class, GenericEventMessage.asEventMessage("update"));
        components.forEach((type, message) -> {
            for (boolean tagged : List.of(false, true)) {
                String name = type.getSimpleName() + (tagged ? "Tagged" : "Plain");
                handleFor(monitor(axon, type, name, tagged), message, Duration.ofSeconds(1));
                handleFor(monitor(registry, type, name, tagged), message, Duration.ofSeconds(1));
            }
        });

        assertThat(ids(meters)).hasSizeGreaterThan(20).isEqualTo(ids(axons));
        for (String name : List.of("QueryUpdateEmitterPlain", "QueryUpdateEmitterTagged")) {
            assertThat(meters.get(name + ".capacity").gauge().value()).as(name + ": 1 s busy in a minute")
                    .isCloseTo(1 / 60.0, offset(1e-9));
        }
        clock.add(Duration.ofSeconds(61));
        assertThat(meters.getMeters().stream().filter(meter -> meter.getId().getName().endsWith(".capacity"))
                .map(meter -> ((Gauge) meter).value()).toList())
                .as("capacity gauges a minute later").hasSize(8).containsOnly(0.0);
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> monitor(GlobalMetricRegistry registry, Class<?> type, String name,
            boolean tagged) {
        return (MessageMonitor<Message<?>>) (tagged ? registry.registerComponentWithDefaultTags(type, name)
                : registry.registerComponent(type, name));
    }

    private static Set<String> ids(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> meter.getId().getType() + " " + meter.getId().getName() + " "
                + meter.getId().getTags()).collect(Collectors.toCollection(TreeSet::new));
    }

    private <M extends Message<?>> void handleFor(MessageMonitor<? super M> monitor, M message, Duration busy) {
        MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(message);
        clock.add(busy.toMillis(), TimeUnit.MILLISECONDS);
        callback.reportSuccess();
    }
}
