package uk.crcledger.withholding;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.RecordedBy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The withholding of one position's payload, its own aggregate (id {@link #idFor}), so that "is this payload
 * withheld?" is answered by whether its stream exists (one unique-key lookup) and a position is withheld once.
 *
 * <p>As {@code Provider}, it is created with {@code CREATE_IF_MISSING} rather than a constructor handler, so that
 * withholding a withheld position again reaches this aggregate and is refused with a clear message; two requests
 * racing each other still meet the store's unique stream key, and one of them fails there. Which positions belong
 * to an entry is known to the read side only, so the API checks that before sending the command.
 */
public class PayloadWithholding {

    /** The longest reason taken: a statement of grounds, not a document. */
    public static final int MAX_REASON = 500;
    /** The longest reference taken, e.g. a court order's reference. */
    public static final int MAX_REFERENCE = 200;

    private static final String ID_PREFIX = "payload-withholding-";

    @AggregateIdentifier
    private String withholdingId;
    private long position;

    protected PayloadWithholding() {
        // for Axon
    }

    /** The aggregate that withholds the payload at {@code position}: the one definition of that stream's id. */
    public static String idFor(long position) {
        return ID_PREFIX + position;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithholdPayload command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy) {
        if (withholdingId != null) {
            throw new AlreadyRecordedException("the payload at ledger position " + position + " is already withheld");
        }
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryRules.require("entryId", command.entryId());
        if (command.position() < 1) {
            throw new InvalidEntryException("position must be a ledger position (at least 1), was "
                    + command.position());
        }
        String reason = EntryRules.requireReason(command.reason(), "withholding");
        if (reason.length() > MAX_REASON) {
            throw new InvalidEntryException("the reason is " + reason.length() + " characters long, more than "
                    + MAX_REASON);
        }
        String reference = EntryRules.blankToNull(command.reference());
        if (reference != null && reference.length() > MAX_REFERENCE) {
            throw new InvalidEntryException("the reference is " + reference.length() + " characters long, more than "
                    + MAX_REFERENCE);
        }
        apply(new PayloadWithheld(command.entryId(), command.position(), reason, reference, by));
    }

    @EventSourcingHandler
    void on(PayloadWithheld event) {
        this.withholdingId = idFor(event.position());
        this.position = event.position();
    }

    public long position() {
        return position;
    }
}
