package uk.crcledger.entry;

import java.util.Optional;

/**
 * Port: where each entry lives. Corrections and retractions name only the entry id, and contract entries live in
 * their CRC's stream, so something has to map one to the other; the event store module provides the durable one.
 *
 * <p>Handlers register an entry just before applying its event (write-ahead). If the command then fails, the
 * mapping points at an aggregate that does not know the entry, which answers "unknown entry": harmless.
 */
public interface EntryDirectory {

    /**
     * Remembers where {@code entryId} lives.
     *
     * @throws AlreadyRecordedException "entry X already exists" when the id is known, whatever its owner;
     *                                  implementations must make this check-and-insert atomic
     */
    void register(EntryId entryId, EntryOwner owner);

    Optional<EntryOwner> ownerOf(EntryId entryId);

    /** The message for an id that is registered already, shared by all implementations. */
    static AlreadyRecordedException alreadyExists(EntryId entryId) {
        return new AlreadyRecordedException("entry " + entryId + " already exists");
    }
}
