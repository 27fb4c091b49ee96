package uk.crcledger.timeline;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import uk.crcledger.entry.EntryEvent;

/**
 * Events of one entry are handled in order, by one segment; different entries in parallel. Contract
 * entries live in their CRC's stream, so the aggregate is not the right key: the entry id is.
 */
public class EntrySequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof EntryEvent e) {
            // Every event about one entry, a withholding too: it marks a revision in the entry's document, which
            // only the entry's segment writes.
            return e.entryId().value();
        }
        // Registrations: the CRC's or provider's id.
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
