package uk.crcledger.entry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link EntryDirectory} in memory, for tests and for running without a database. */
public class InMemoryEntryDirectory implements EntryDirectory {

    private final Map<EntryId, EntryOwner> owners = new ConcurrentHashMap<>();

    @Override
    public void register(EntryId entryId, EntryOwner owner) {
        if (owners.putIfAbsent(entryId, owner) != null) {
            throw EntryDirectory.alreadyExists(entryId);
        }
    }

    @Override
    public Optional<EntryOwner> ownerOf(EntryId entryId) {
        return Optional.ofNullable(owners.get(entryId));
    }
}
