package uk.crcledger.api.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import uk.crcledger.entry.EntryType;

import java.util.Arrays;
import uk.crcledger.timeline.CrcView;
import uk.crcledger.timeline.LedgerEntry;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.ProviderSummary;
import uk.crcledger.timeline.ProviderView;
import uk.crcledger.timeline.Timeline;
import uk.crcledger.timeline.TimelineFilter;

import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ledger's own counters and timers, registered when the application starts so that each shows
 * in {@code /actuator/prometheus} (at zero) before it is first used:
 * <ul>
 *   <li>{@value #ENTRIES_RECORDED} by {@code type} (the five entry types, {@code correction},
 *       {@code retraction}), counted from the event stream by {@link RecordedEntriesMetrics};</li>
 *   <li>{@value #COMMANDS_REJECTED} by {@code rule}, the refusing {@code LedgerRuleException}'s
 *       simple class name, counted on the command bus by {@link LedgerCommandInterceptor};</li>
 *   <li>{@value #AS_OF_QUERY}, how long questions about a past instant take;</li>
 *   <li>{@value #IDEMPOTENT_REPLAYS}, retries answered with a kept answer.</li>
 * </ul>
 * The read model's gauges are in {@link uk.crcledger.api.readmodel.ReadModelMetrics}.
 */
@Component
public class LedgerMetrics {

    public static final String ENTRIES_RECORDED = "ledger.entries.recorded";
    public static final String COMMANDS_REJECTED = "ledger.commands.rejected";
    public static final String AS_OF_QUERY = "ledger.asof.query";
    public static final String IDEMPOTENT_REPLAYS = "ledger.idempotent.replays";

    /**
     * The values of the {@code type} tag of {@value #ENTRIES_RECORDED}: every entry type's JSON name, then
     * "correction" and "retraction". Taken from {@link EntryType} so that a new kind of entry is counted from the start.
     */
    public static final List<String> ENTRY_TYPES = Stream.concat(
            Arrays.stream(EntryType.values()).map(EntryType::jsonName),
            Stream.of("correction", "retraction")).toList();

    private final MeterRegistry registry;
    private final Timer asOf;
    private final Counter replays;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.asOf = Timer.builder(AS_OF_QUERY)
                .description("Time to answer a question about the ledger as it stood at a past instant")
                .register(registry);
        this.replays = Counter.builder(IDEMPOTENT_REPLAYS)
                .description("Retried POSTs answered with the answer kept for their Idempotency-Key")
                .register(registry);
        ENTRY_TYPES.forEach(this::entriesRecorded);
    }

    /** One more entry (or correction, or retraction) stored. */
    public void entryRecorded(String type) {
        entriesRecorded(type).increment();
    }

    /** One more command refused by a ledger rule, named by the exception's simple class name. */
    public void commandRejected(String rule) {
        Counter.builder(COMMANDS_REJECTED)
                .description("Commands the ledger's rules refused, by rule")
                .tag("rule", rule)
                .register(registry)
                .increment();
    }

    /** A retry answered from the kept answer (the hook in {@code IdempotentRequests.replay}). */
    public void idempotentReplay() {
        replays.increment();
    }

    /** Starts timing an as-of answer; pass the sample to {@link #asOfAnswered}. */
    public Timer.Sample startAsOf() {
        return Timer.start(registry);
    }

    public void asOfAnswered(Timer.Sample sample) {
        sample.stop(asOf);
    }

    /** Times one as-of answer. */
    public <T> T timeAsOf(Supplier<T> answer) {
        return asOf.record(answer);
    }

    /**
     * The as-of queries with each question timed: {@code ReadModelAnswers.at} hands out the queries
     * and the controller asks them later, so the time is taken where the questions are asked.
     */
    public LedgerQueries timeAsOf(LedgerQueries asOfQueries) {
        return new TimedQueries(asOfQueries);
    }

    private Counter entriesRecorded(String type) {
        return Counter.builder(ENTRIES_RECORDED)
                .description("Entries stored in the ledger, by type (corrections and retractions included)")
                .tag("type", type)
                .register(registry);
    }

    private final class TimedQueries implements LedgerQueries {

        private final LedgerQueries queries;

        private TimedQueries(LedgerQueries queries) {
            this.queries = queries;
        }

        @Override
        public List<CrcView> crcs() {
            return timeAsOf(queries::crcs);
        }

        @Override
        public List<ProviderView> providers() {
            return timeAsOf(queries::providers);
        }

        @Override
        public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
            return timeAsOf(() -> queries.crcTimeline(crcId, filter));
        }

        @Override
        public Optional<CrcView> crc(String crcId) {
            return timeAsOf(() -> queries.crc(crcId));
        }

        @Override
        public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
            return timeAsOf(() -> queries.providerTimeline(providerId, filter));
        }

        @Override
        public Optional<ProviderSummary> provider(String providerId) {
            return timeAsOf(() -> queries.provider(providerId));
        }

        @Override
        public Optional<LedgerEntry> entry(String entryId) {
            return timeAsOf(() -> queries.entry(entryId));
        }
    }
}
