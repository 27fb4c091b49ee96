package uk.crcledger.contract;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read-only copies of one type of aggregate, for rules that consult an aggregate they do not change (who held a CRC
 * on a date, while recording a job cut). Each copy is built from the aggregate's events by the aggregate's own
 * event sourcing handlers, and is brought up to date before every answer by reading the events stored after the
 * last one it applied: one lookup by stream key when there are none, whichever instance stored them.
 *
 * <p>Why not Axon's repository: loading through it rebuilds the aggregate from all its events and holds the
 * aggregate's lock until the unit of work ends, so every recording that only asked about a provider queued behind
 * the others; and Axon's caching repository answers from its cache without looking at the store, which is wrong as
 * soon as a second instance records. A copy here is never older than the store was when the question was asked,
 * the same guarantee a fresh load gives; a change stored a moment later is not seen either way, as no transaction
 * spans two aggregates (see {@link uk.crcledger.entry.ContractRegister}).
 *
 * <p>Only committed events are applied (read from the storage engine, never the unit of work's staged events), so
 * a command that fails leaves no trace in a copy. Copies are kept for aggregates that exist; asking about an
 * unknown id keeps nothing. There is one copy per CRC or provider, a register of tens.
 */
final class AggregateReplicas<T> {

    private final Class<T> type;
    private final AggregateModel<T> model;
    private final GenericAggregateFactory<T> factory;
    private final Supplier<EventStorageEngine> events;
    private final ConcurrentMap<String, Replica<T>> replicas = new ConcurrentHashMap<>();

    AggregateReplicas(Class<T> type, Supplier<EventStorageEngine> events) {
        this.type = type;
        // Only the event sourcing handlers are used here. The command handlers' injected parameters (this register
        // among them, while it is being built) need not resolve, so what the defaults cannot resolve, asked in this
        // order (not by priority), is null.
        ParameterResolverFactory unresolvedIsNull = (executable, parameters, index) ->
                new FixedValueParameterResolver<>(null);
        this.model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type, new MultiParameterResolverFactory(
                ClasspathParameterResolverFactory.forClass(type), unresolvedIsNull));
        this.factory = new GenericAggregateFactory<>(model);
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Asks the aggregate {@code id} as its stream stands now; empty when no such aggregate was ever stored.
     */
    <R> Optional<R> current(String id, Function<T, R> question) {
        Replica<T> replica = replicas.get(id);
        long applied = replica == null ? -1 : replica.lastSequence();
        // Read outside the copy's lock: concurrent questions about one aggregate do not queue behind a round trip.
        List<? extends DomainEventMessage<?>> newer = events.get().readEvents(id, applied + 1).asStream().toList();
        if (replica == null) {
            if (newer.isEmpty()) {
                return Optional.empty();
            }
            replica = replicas.computeIfAbsent(id, key -> new Replica<>());
        }
        return Optional.ofNullable(replica.updatedAndAsked(newer, this, question));
    }

    /**
     * Whether the aggregate {@code id} exists, for aggregates that are never removed: once seen, it is answered from
     * memory.
     */
    boolean exists(String id) {
        return replicas.containsKey(id) || current(id, aggregate -> Boolean.TRUE).isPresent();
    }

    private T create(String id, DomainEventMessage<?> first) {
        return factory.createAggregateRoot(id, first);
    }

    private static final class Replica<T> {

        private T aggregate;
        private long lastSequence = -1;

        synchronized long lastSequence() {
            return lastSequence;
        }

        /**
         * Applies the events after the last one applied (another thread may have applied some of them meanwhile;
         * each thread read a contiguous run from where the copy stood, so what is left is contiguous too).
         */
        synchronized <R> R updatedAndAsked(List<? extends DomainEventMessage<?>> newer, AggregateReplicas<T> owner,
                                           Function<T, R> question) {
            for (DomainEventMessage<?> event : newer) {
                if (event.getSequenceNumber() <= lastSequence) {
                    continue;
                }
                if (event.getSequenceNumber() != lastSequence + 1) {
                    throw new IllegalStateException("events of " + owner.type.getSimpleName() + " "
                            + event.getAggregateIdentifier() + " skip from " + lastSequence + " to "
                            + event.getSequenceNumber());
                }
                if (aggregate == null) {
                    aggregate = owner.create(event.getAggregateIdentifier(), event);
                }
                owner.model.publish(event, aggregate);
                lastSequence = event.getSequenceNumber();
            }
            return question.apply(aggregate);
        }
    }
}
