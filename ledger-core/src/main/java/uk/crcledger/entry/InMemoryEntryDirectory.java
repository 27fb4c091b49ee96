package uk.crcledger.entry;

import org.axonframework.eventhandling.EventMessage;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EntryDirectory} in memory, for tests: it learns the claims of the events it is shown ({@link #learn},
 * e.g. as a subscriber of an in-memory event store), or is told an owner directly ({@link #register}).
 */
public class InMemoryEntryDirectory implements EntryDirectory {

    private final Map<EntryId, EntryOwner> owners = new ConcurrentHashMap<>();

    /** Remembers where {@code entryId} lives, as a stored recording would have claimed it. */
    public void register(EntryId entryId, EntryOwner owner) {
        if (owners.putIfAbsent(entryId, owner) != null) {
            throw EntryDirectory.alreadyExists(entryId);
        }
    }

    /** Remembers the claim of {@code event}, if it records an entry. */
    public void learn(EventMessage<?> event) {
        EntryClaim.of(event).ifPresent(claim -> register(claim.entryId(), claim.owner()));
    }

    @Override
    public Optional<EntryOwner> ownerOf(EntryId entryId) {
        return Optional.ofNullable(owners.get(entryId));
    }
}
