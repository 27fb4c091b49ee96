package uk.crcledger.timeline;

import uk.crcledger.entry.EntryType;

import java.time.LocalDate;
import java.util.Set;

/**
 * What a reader asks of a timeline: entry types (empty = all), dates happened from/to (inclusive,
 * null = open), a provider, and a page as offset and limit.
 */
public record TimelineFilter(Set<EntryType> types, LocalDate from, LocalDate to, String providerId, int offset,
                             int limit) {

    public static final int DEFAULT_LIMIT = 50;

    public TimelineFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    public static TimelineFilter all() {
        return new TimelineFilter(Set.of(), null, null, null, 0, Integer.MAX_VALUE);
    }

    boolean accepts(EntryType type, LocalDate occurredOn, String providerId) {
        return (types.isEmpty() || types.contains(type))
                && (from == null || !occurredOn.isBefore(from))
                && (to == null || !occurredOn.isAfter(to))
                && (this.providerId == null || this.providerId.equals(providerId));
    }
}
