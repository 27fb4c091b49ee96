package uk.crcledger.contract;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.correction.Revisable;
import uk.crcledger.crc.CrcId;
import uk.crcledger.entry.Changes;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One change of the planned end of CRC contracts, its own aggregate (id = entry id). Why not in the CRCs'
 * streams: one announcement covers many CRCs (all 21 on 2018-07-27) and changes no holder, so no CRC invariant
 * needs it, and it stays one entry that is corrected or retracted as one.
 */
public class ContractTermChange implements Revisable {

    @AggregateIdentifier
    private EntryId entryId;
    private ContractTermChangeDetails details;
    private LocalDate retractedOn;

    protected ContractTermChange() {
        // for Axon
    }

    @CommandHandler
    public ContractTermChange(RecordContractTermChange command,
                              @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                              ContractRegister register, EntryDirectory directory) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryRules.require("entryId", command.entryId());
        ContractTermChangeDetails details = command.details();
        checkAgainstLedger(details, register);
        directory.register(command.entryId(),
                EntryOwner.ownAggregate(EntryType.CONTRACT_TERM_CHANGE, command.entryId()));
        apply(ContractTermChanged.of(command.entryId(), details, by));
    }

    @Override
    public void correct(CorrectEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "corrected");
        String reason = EntryRules.requireReason(command.reason(), "correction");
        Changes changes = Changes.of(EntryType.CONTRACT_TERM_CHANGE, command.changes(),
                ContractTermChangeDetails.CORRECTABLE, ContractTermChangeDetails.NOT_CORRECTABLE);
        ContractTermChangeDetails corrected = details.correctedWith(changes);
        if (corrected.equals(details)) {
            throw new InvalidEntryException("the changes leave entry " + entryId + " as it was");
        }
        checkAgainstLedger(corrected, register);
        apply(new EntryCorrected(entryId, EntryType.CONTRACT_TERM_CHANGE, corrected, changes.fieldNames(), reason,
                recordedBy, LedgerClock.today()));
    }

    @Override
    public void retract(RetractEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "retracted");
        String reason = EntryRules.requireReason(command.reason(), "retraction");
        apply(new EntryRetracted(entryId, EntryType.CONTRACT_TERM_CHANGE, reason, recordedBy, LedgerClock.today()));
    }

    @EventSourcingHandler
    void on(ContractTermChanged event) {
        this.entryId = event.entryId();
        this.details = event.details();
    }

    @EventSourcingHandler
    void on(EntryCorrected event) {
        this.details = (ContractTermChangeDetails) event.correctedDetails();
    }

    @EventSourcingHandler
    void on(EntryRetracted event) {
        this.retractedOn = event.retractedOn();
    }

    public ContractTermChangeDetails details() {
        return details;
    }

    /** A term can only change for a contract in force: each CRC must be known and held on the announcement day. */
    private static void checkAgainstLedger(ContractTermChangeDetails details, ContractRegister register) {
        details.check(LedgerClock.today());
        for (CrcId crcId : details.crcIds()) {
            register.requireCrc(crcId);
            if (register.holderOn(crcId, details.announcedOn()).isEmpty()) {
                throw new HoldingConflictException(crcId + " has no contract held on " + details.announcedOn()
                        + " whose planned end could change");
            }
        }
    }
}
