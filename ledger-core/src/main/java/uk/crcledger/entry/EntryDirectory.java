package uk.crcledger.entry;

import java.util.Optional;

/**
 * Port: where each entry lives. Corrections and retractions name only the entry id, and contract entries live in
 * their CRC's stream, so something has to map one to the other.
 *
 * <p>Nothing registers an entry here: the event that records an entry claims its id ({@link EntryClaim}) in the
 * same write that stores it, and the directory answers from those claims (the event store's, in the app). So an
 * entry id is taken exactly when the entry is recorded: a recording that fails burns no id, and one whose id is
 * taken stores nothing and fails with {@link #alreadyExists}.
 */
public interface EntryDirectory {

    Optional<EntryOwner> ownerOf(EntryId entryId);

    /** The message for an id that is recorded already, shared by everything that finds one taken. */
    static AlreadyRecordedException alreadyExists(EntryId entryId) {
        return new AlreadyRecordedException("entry " + entryId + " already exists");
    }
}
