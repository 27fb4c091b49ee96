package uk.crcledger.api.readmodel;

import org.springframework.stereotype.Component;
import uk.crcledger.api.observability.LedgerMetrics;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.timeline.LedgerEntry;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.LedgerReadModel;
import uk.crcledger.timeline.Timeline;
import uk.crcledger.timeline.TimelineItem;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read model as the web gives it out: live or as of an instant, with "read your writes" for
 * the answer to a command.
 */
@Component
public class ReadModelAnswers {

    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private final LedgerReadModel readModel;
    private final LedgerMetrics metrics;

    public ReadModelAnswers(LedgerReadModel readModel, LedgerMetrics metrics) {
        this.readModel = readModel;
        this.metrics = metrics;
    }

    public LedgerReadModel readModel() {
        return readModel;
    }

    /** The live queries, or those as of {@code asOf} (an ISO instant) when given. */
    public LedgerQueries at(String asOf) {
        Instant instant = instant(asOf);
        return instant == null ? readModel.live() : metrics.timeAsOf(readModel.asOf(instant));
    }

    /** The {@code asOf} parameter as an instant, null when absent; a malformed one is a 400 naming it. */
    public static Instant instant(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        return BadRequest.parse("asOf", () -> {
            try {
                return Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("an ISO-8601 instant such as 2019-02-15T12:00:00Z, was '"
                        + asOf + "'");
            }
        });
    }

    /**
     * The entry once the read model shows it with at least {@code revisions} revisions: the answer
     * to the command that recorded or revised it. The read model follows within milliseconds; the
     * wait is bounded, and empty when it has not shown it by then (the controller answers 202).
     */
    public Optional<LedgerEntry> entryAfterWrite(String entryId, int revisions) {
        long deadline = deadline();
        // Waits on a cheap check (one read of the entry's document, not a whole answer with its names after every
        // batch the processor commits), then reads the answer once.
        poll(() -> readModel.shows(entryId, revisions) ? Optional.of(true) : Optional.empty(), deadline);
        return poll(() -> readModel.live().entry(entryId).filter(e -> e.revisions().size() >= revisions), deadline);
    }

    /** What {@code query} finds once the read model shows it (the answer to a registration). */
    public <T> T waitFor(Function<LedgerQueries, Optional<T>> query) {
        return poll(() -> query.apply(readModel.live()), deadline()).orElseThrow(() ->
                new IllegalStateException("The read model did not show the change within " + READ_YOUR_WRITES));
    }

    private static long deadline() {
        return System.nanoTime() + READ_YOUR_WRITES.toNanos();
    }

    /**
     * Asks again each time this instance's processor commits a batch, and at least every
     * {@value #RECHECK_MILLIS} ms (another instance may hold the segment that handles the write).
     */
    private <T> Optional<T> poll(Supplier<Optional<T>> attempt, long deadline) {
        while (true) {
            long seen = readModel.progress().seen();
            Optional<T> found = attempt.get();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                readModel.progress().awaitAfter(seen, RECHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    private static final long RECHECK_MILLIS = 50;

    public static <T> T found(Optional<T> value, String what) {
        return value.orElseThrow(() -> new NotFound(what));
    }

    /** A page of a timeline in the wire format: items, total and the link to the next page. */
    public static Page<TimelineItem> page(Timeline timeline, String nextLink) {
        return new Page<>(timeline.items(), timeline.total(), timeline.hasMore() ? nextLink : null);
    }
}
