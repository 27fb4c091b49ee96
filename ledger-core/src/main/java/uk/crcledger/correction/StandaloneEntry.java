package uk.crcledger.correction;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import uk.crcledger.entry.Changes;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An entry that is an aggregate of its own (id = entry id), such as a contract term change, a job-cut announcement
 * or an inspection finding. Such an entry holds one version of its details and may be retracted, and it is corrected
 * and retracted the same way whatever its kind, so that is written once here, with the fields a correction may
 * change and how it applies taken from the details ({@link EntryDetails#changesFrom}, {@link
 * EntryDetails#correctedWith}). What differs stays in the subclass: the command handler that records the entry
 * (with its own event) and the rules that need the rest of the ledger ({@link #checkAgainstLedger}), which every
 * correction must pass again.
 *
 * <p>Axon finds the {@link AggregateIdentifier} and the {@link EventSourcingHandler}s of this superclass on each
 * concrete aggregate. As in any aggregate, {@link #correct} and {@link #retract} only validate and apply; state
 * changes only in the event sourcing handlers.
 *
 * @param <D> the details this kind of entry records
 */
public abstract class StandaloneEntry<D extends EntryDetails> implements Revisable {

    @AggregateIdentifier
    private EntryId entryId;
    private D details;
    private LocalDate retractedOn;

    protected StandaloneEntry() {
    }

    /** Builds the event that records an entry, e.g. {@code ContractTermChanged::of}. */
    @FunctionalInterface
    protected interface RecordingEvent<D> {
        Object of(EntryId entryId, D details, RecordedBy recordedBy);
    }

    /**
     * What recording an entry takes, called by the subclass's recording command handler. That handler stays a
     * constructor of the subclass, as Axon creates an aggregate through the constructor that handles the command:
     * it validates the entry and applies the recording event, whose commit claims the entry id.
     *
     * @param recordedBy the metadata value the command handler received
     */
    protected final void record(EntryId entryId, D details, String recordedBy, ContractRegister register,
                                RecordingEvent<D> event) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryRules.require("entryId", entryId);
        checkAgainstLedger(details, register);
        // The event claims the entry id when it is stored (EntryClaim): an id used by any entry is refused then.
        apply(event.of(entryId, details, by));
    }

    /**
     * The entry's own rules and those that need the rest of the ledger. Called by the subclass's command handler for
     * the first version, and here for every corrected version, so it must not read the aggregate's state.
     */
    protected abstract void checkAgainstLedger(D details, ContractRegister register);

    @Override
    public void correct(CorrectEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "corrected");
        String reason = EntryRules.requireReason(command.reason(), "correction");
        Changes changes = details.changesFrom(command.changes());
        // A checked cast: a kind's details correct into details of the same kind.
        @SuppressWarnings("unchecked")
        D corrected = (D) details.getClass().cast(details.correctedWith(changes));
        if (corrected.equals(details)) {
            throw new InvalidEntryException("the changes leave entry " + entryId + " as it was");
        }
        checkAgainstLedger(corrected, register);
        apply(new EntryCorrected(entryId, details.type(), corrected, changes.fieldNames(), reason, recordedBy,
                LedgerClock.today()));
    }

    @Override
    public void retract(RetractEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "retracted");
        String reason = EntryRules.requireReason(command.reason(), "retraction");
        apply(new EntryRetracted(entryId, details.type(), reason, recordedBy, LedgerClock.today()));
    }

    /** The state of the event that recorded the entry; call it only from that event's event sourcing handler. */
    protected final void recorded(EntryId entryId, D details) {
        this.entryId = entryId;
        this.details = details;
    }

    @EventSourcingHandler
    void on(EntryCorrected event) {
        // A checked cast, as the subclasses made before: only details of this entry's own kind belong here.
        @SuppressWarnings("unchecked")
        D corrected = (D) details.getClass().cast(event.correctedDetails());
        this.details = corrected;
    }

    @EventSourcingHandler
    void on(EntryRetracted event) {
        this.retractedOn = event.retractedOn();
    }

    public D details() {
        return details;
    }
}
