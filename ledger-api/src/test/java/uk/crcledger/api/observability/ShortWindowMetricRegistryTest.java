package uk.crcledger.api.observability;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
        clock.add(ShortWindowMetricRegistry.CAPACITY_WINDOW.plusSeconds(1));
        assertThat(meters.get(gauge).gauge().value()).as("a minute later").isZero();
    }

    @Test
    void theCommandBusCapacityLooksBackOneMinuteToo() {
        MessageMonitor<? super CommandMessage<?>> bus = registry.registerCommandBus(
                "commandBus", message -> Tags.empty());

        handleFor(bus, GenericCommandMessage.<Object>asCommandMessage("record"), Duration.ofSeconds(15));

        assertThat(meters.get("commandBus.capacity").gauge().value()).isEqualTo(0.25);
        clock.add(ShortWindowMetricRegistry.CAPACITY_WINDOW.plusSeconds(1));
        assertThat(meters.get("commandBus.capacity").gauge().value()).isZero();
    }

    @Test
    void theMetersAreAxonsOwn() {
        SimpleMeterRegistry axons = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        GlobalMetricRegistry axon = new GlobalMetricRegistry(axons);
        java.util.function.Function<Message<?>, Iterable<io.micrometer.core.instrument.Tag>> tags =
                message -> Tags.of("payloadType", message.getPayloadType().getSimpleName());
        handleFor(axon.registerEventProcessor("eventProcessor", tags, tags), GenericEventMessage.<Object>asEventMessage("e"),
                Duration.ofSeconds(1));
        handleFor(registry.registerEventProcessor("eventProcessor", tags, tags),
                GenericEventMessage.<Object>asEventMessage("e"), Duration.ofSeconds(1));
        handleFor(axon.registerCommandBus("commandBus", tags), GenericCommandMessage.<Object>asCommandMessage("c"),
                Duration.ofSeconds(1));
        handleFor(registry.registerCommandBus("commandBus", tags), GenericCommandMessage.<Object>asCommandMessage("c"),
                Duration.ofSeconds(1));
        handleFor(axon.registerQueryBus("queryBus", tags), new GenericQueryMessage<>("q", ResponseTypes.instanceOf(String.class)),
                Duration.ofSeconds(1));
        handleFor(registry.registerQueryBus("queryBus", tags), new GenericQueryMessage<>("q", ResponseTypes.instanceOf(String.class)),
                Duration.ofSeconds(1));

        assertThat(ids(meters)).isNotEmpty().isEqualTo(ids(axons));
    }

    private static java.util.Set<String> ids(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> meter.getId().getType() + " " + meter.getId().getName() + " "
                + meter.getId().getTags()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private <M extends Message<?>> void handleFor(MessageMonitor<? super M> monitor, M message, Duration busy) {
        MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(message);
        clock.add(busy.toMillis(), TimeUnit.MILLISECONDS);
        callback.reportSuccess();
    }
}
