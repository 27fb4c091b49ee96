package uk.crcledger.api.readmodel;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;
import uk.crcledger.api.observability.LedgerMetrics;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.LedgerReadModel;
import uk.crcledger.timeline.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read model as the web gives it out: live or as of an instant, in plain JSON values, with
 * "read your writes" for the answer to a command.
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
        if (asOf == null || asOf.isBlank()) {
            return readModel.live();
        }
        Instant instant = BadRequest.parse("asOf", () -> {
            try {
                return Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("an ISO-8601 instant such as 2019-02-15T12:00:00Z, was '"
                        + asOf + "'");
            }
        });
        return metrics.timeAsOf(readModel.asOf(instant));
    }

    /**
     * The entry once the read model shows it with at least {@code revisions} revisions: the answer
     * to the command that recorded or revised it. The read model follows within milliseconds; the
     * wait is bounded, and an entry still not shown then is answered as it stood.
     */
    public Map<String, Object> entryAfterWrite(String entryId, int revisions) {
        Optional<Document> shown = poll(q -> q.entry(entryId)
                .filter(e -> e.getList("revisions", Document.class).size() >= revisions));
        return shown.or(() -> readModel.live().entry(entryId)).map(ReadModelAnswers::plain)
                .orElseGet(() -> Map.of("entryId", entryId, "status", "pending"));
    }

    /** What {@code query} finds once the read model shows it (the answer to a registration). */
    public <T> T waitFor(Function<LedgerQueries, Optional<T>> query) {
        return poll(query).orElseThrow(() ->
                new IllegalStateException("The read model did not show the change within " + READ_YOUR_WRITES));
    }

    /**
     * Asks again each time this instance's processor commits a batch, and at least every
     * {@value #RECHECK_MILLIS} ms (another instance may hold the segment that handles the write).
     */
    private <T> Optional<T> poll(Function<LedgerQueries, Optional<T>> query) {
        long deadline = System.nanoTime() + READ_YOUR_WRITES.toNanos();
        while (true) {
            long seen = readModel.progress().seen();
            Optional<T> found = query.apply(readModel.live());
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

    /** A whole list in the wire format of lists. */
    public static Map<String, Object> list(List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", items.size());
        body.put("next", null);
        return body;
    }

    public static <T> T found(Optional<T> value, String what) {
        return value.orElseThrow(() -> new NotFound(what));
    }

    /** A page of a timeline in the wire format: items, total and the link to the next page. */
    public static Map<String, Object> page(Timeline timeline, String nextLink) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", timeline.items().stream().map(ReadModelAnswers::plain).toList());
        body.put("total", timeline.total());
        body.put("next", timeline.hasMore() ? nextLink : null);
        return body;
    }

    /** BSON values as JSON values: decimals as numbers, nested documents as objects. */
    public static Map<String, Object> plain(Document document) {
        Map<String, Object> out = new LinkedHashMap<>();
        document.forEach((key, value) -> {
            if (!"_id".equals(key)) {
                out.put(key, plainValue(value));
            }
        });
        return out;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Document nested) {
            return plain(nested);
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plainValue(v)));
            return out;
        }
        return value;
    }
}
