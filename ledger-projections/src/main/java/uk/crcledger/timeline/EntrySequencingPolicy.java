package uk.crcledger.timeline;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import uk.crcledger.contract.ContractAwarded;
import uk.crcledger.contract.ContractEnded;
import uk.crcledger.contract.ContractTermChanged;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.inspection.InspectionFindingPublished;
import uk.crcledger.jobcut.JobCutsAnnounced;
import uk.crcledger.withholding.PayloadWithheld;

/**
 * Events of one entry are handled in order, by one segment; different entries in parallel. Contract
 * entries live in their CRC's stream, so the aggregate is not the right key: the entry id is.
 */
public class EntrySequencingPolicy implements SequencingPolicy<EventMessage<?>> {


    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof ContractAwarded e) {
            return e.entryId().value();
        } else if (payload instanceof ContractEnded e) {
            return e.entryId().value();
        } else if (payload instanceof ContractTermChanged e) {
            return e.entryId().value();
        } else if (payload instanceof JobCutsAnnounced e) {
            return e.entryId().value();
        } else if (payload instanceof InspectionFindingPublished e) {
            return e.entryId().value();
        } else if (payload instanceof EntryCorrected e) {
            return e.entryId().value();
        } else if (payload instanceof EntryRetracted e) {
            return e.entryId().value();
        } else if (payload instanceof PayloadWithheld e) {
            // It marks a revision in the entry's document, which only the entry's segment writes.
            return e.entryId().value();
        }
        // Registrations: the CRC's or provider's id.
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
