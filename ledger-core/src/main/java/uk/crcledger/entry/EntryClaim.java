package uk.crcledger.entry;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.util.Objects;
import java.util.Optional;

/**
 * What an event that records an entry claims: the entry's id, and the aggregate that holds it. The one definition
 * of "which events record an entry, and where it lives", used by the event store to claim the id with the commit
 * and by every {@link EntryDirectory}.
 */
public record EntryClaim(EntryId entryId, EntryOwner owner) {

    public EntryClaim {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(owner, "owner");
    }

    /** The claim of {@code event}: present for an {@link EntryRecorded} event of an aggregate. */
    public static Optional<EntryClaim> of(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null
                && domainEvent.getPayload() instanceof EntryRecorded recorded) {
            return Optional.of(new EntryClaim(recorded.entryId(),
                    new EntryOwner(recorded.type(), domainEvent.getAggregateIdentifier())));
        }
        return Optional.empty();
    }
}
