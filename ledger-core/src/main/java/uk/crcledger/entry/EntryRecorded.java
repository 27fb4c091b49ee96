package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import uk.crcledger.register.ProviderId;

import java.util.Optional;

/**
 * The event that recorded an entry, whatever its kind: one per {@link EntryType}. Its {@link #details()} are what a
 * correction replaces; read models take every fact from them.
 *
 * <p>The methods that are not record components of the events carry {@code @JsonIgnore}: stored events must keep
 * the JSON they were written with.
 */
public interface EntryRecorded extends EntryEvent {

    @JsonIgnore
    EntryDetails details();

    RecordedBy recordedBy();

    @JsonIgnore
    default EntryType type() {
        return details().type();
    }

    /**
     * The provider the entry concerns: the one its details name, unless the event knows better (a contract end
     * names the holder whose contract ended, which only the CRC's history could say when it was recorded).
     */
    @JsonIgnore
    default Optional<ProviderId> concernedProvider() {
        return details().namedProvider();
    }
}
