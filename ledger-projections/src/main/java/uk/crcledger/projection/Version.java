package uk.crcledger.projection;

import java.time.Instant;
import java.util.List;

/**
 * One version of a contribution to a shared read-model document: what an entry (or a registration)
 * contributed from ledger {@code position} on, recorded at {@code at}; a null {@code value} says it
 * contributed nothing from then on (a correction moved it elsewhere).
 * <p>
 * Every version is kept, never replaced, so "as the ledger knew it at T" is a selection over stored
 * versions (the latest one recorded at or before T), not a replay of events.
 *
 * @param <V> what is contributed
 */
public record Version<V>(long position, Instant at, V value) {

    /** The latest of {@code versions} (in position order) recorded at or before {@code asOf}; null = latest. */
    public static <V> Version<V> latest(List<Version<V>> versions, Instant asOf) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            Version<V> version = versions.get(i);
            if (asOf == null || !version.at().isAfter(asOf)) {
                return version;
            }
        }
        return null;
    }
}
