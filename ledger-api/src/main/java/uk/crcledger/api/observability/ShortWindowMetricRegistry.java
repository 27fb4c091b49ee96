package uk.crcledger.api.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's meters for the event processors, the command bus and the query bus, the same monitors Axon's
 * {@link GlobalMetricRegistry} builds, but with the capacity gauge measured over {@link #CAPACITY_WINDOW}
 * instead of Axon's ten minutes.
 * <p>
 * Why: a capacity monitor keeps one entry (a skip-list node and two boxed longs, about 80 bytes) per message
 * handled within its window, per processor and payload type. At the 600 events a second of the 1M
 * benchmark, ten minutes of that was 336k nodes and 700k longs, about 25 MB of the app's live heap that
 * grows with the write rate, for a gauge a scrape every 15 s reads. A minute still smooths the gauge over
 * four scrapes. Axon gives no property for the window, so the monitors are composed here, in Axon's order;
 * the query update emitter, which Axon registers through a private method, is caught where components are
 * registered.
 */
public class ShortWindowMetricRegistry extends GlobalMetricRegistry {

    /** How far back the capacity gauges look. */
    public static final Duration CAPACITY_WINDOW = Duration.ofMinutes(1);

    private final Clock clock;

    public ShortWindowMetricRegistry(MeterRegistry registry) {
        this(registry, Clock.SYSTEM);
    }

    /** With the clock the capacity windows slide on (a test's). */
    ShortWindowMetricRegistry(MeterRegistry registry, Clock clock) {
        super(registry);
        this.clock = clock;
    }

    @Override
    public MessageMonitor<? extends Message<?>> registerComponent(Class<?> componentType, String componentName) {
        if (QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return handlerMonitor(componentName, message -> List.of());
        }
        return super.registerComponent(componentType, componentName);
    }

    @Override
    public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> componentType,
            String componentName) {
        if (QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return handlerMonitor(componentName, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION);
        }
        return super.registerComponentWithDefaultTags(componentType, componentName);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName) {
        return registerEventProcessor(eventProcessorName, message -> List.of(), message -> List.of());
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName,
            Function<Message<?>, Iterable<Tag>> tagsBuilder, Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        MeterRegistry registry = getRegistry();
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(eventProcessorName).meterRegistry(registry)
                        .tagsBuilder(latencyTagsBuilder).build(),
                capacity(eventProcessorName, tagsBuilder),
                MessageCountingMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder)));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String commandBusName) {
        return registerCommandBus(commandBusName, message -> List.of());
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String commandBusName,
            Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return handlerMonitor(commandBusName, tagsBuilder);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String queryBusName) {
        return registerQueryBus(queryBusName, message -> List.of());
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String queryBusName,
            Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return handlerMonitor(queryBusName, tagsBuilder);
    }

    private MessageMonitor<Message<?>> handlerMonitor(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        MeterRegistry registry = getRegistry();
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, registry, tagsBuilder),
                capacity(name, tagsBuilder),
                MessageCountingMonitor.buildMonitor(name, registry, tagsBuilder)));
    }

    private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return CapacityMonitor.buildMonitor(name, getRegistry(), CAPACITY_WINDOW.toMillis(), TimeUnit.MILLISECONDS,
                clock, tagsBuilder);
    }
}
