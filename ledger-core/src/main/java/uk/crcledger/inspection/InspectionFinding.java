package uk.crcledger.inspection;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import uk.crcledger.contract.ContractRegister;
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
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One inspectorate finding, its own aggregate (id = entry id): it only needs the CRCs it names to be known, and a
 * thematic report about all CRCs must not touch 21 CRC streams.
 */
public class InspectionFinding implements Revisable {

    @AggregateIdentifier
    private EntryId entryId;
    private InspectionFindingDetails details;
    private LocalDate retractedOn;

    protected InspectionFinding() {
        // for Axon
    }

    @CommandHandler
    public InspectionFinding(RecordInspectionFinding command,
                             @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                             ContractRegister register, EntryDirectory directory) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryRules.require("entryId", command.entryId());
        InspectionFindingDetails details = command.details();
        checkAgainstLedger(details, register);
        directory.register(command.entryId(),
                EntryOwner.ownAggregate(EntryType.INSPECTION_FINDING, command.entryId()));
        apply(InspectionFindingPublished.of(command.entryId(), details, by));
    }

    @Override
    public void correct(CorrectEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "corrected");
        String reason = EntryRules.requireReason(command.reason(), "correction");
        Changes changes = Changes.of(EntryType.INSPECTION_FINDING, command.changes(),
                InspectionFindingDetails.CORRECTABLE, InspectionFindingDetails.NOT_CORRECTABLE);
        InspectionFindingDetails corrected = details.correctedWith(changes);
        if (corrected.equals(details)) {
            throw new InvalidEntryException("the changes leave entry " + entryId + " as it was");
        }
        checkAgainstLedger(corrected, register);
        apply(new EntryCorrected(entryId, EntryType.INSPECTION_FINDING, corrected, changes.fieldNames(), reason,
                recordedBy, LedgerClock.today()));
    }

    @Override
    public void retract(RetractEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "retracted");
        String reason = EntryRules.requireReason(command.reason(), "retraction");
        apply(new EntryRetracted(entryId, EntryType.INSPECTION_FINDING, reason, recordedBy, LedgerClock.today()));
    }

    @EventSourcingHandler
    void on(InspectionFindingPublished event) {
        this.entryId = event.entryId();
        this.details = event.details();
    }

    @EventSourcingHandler
    void on(EntryCorrected event) {
        this.details = (InspectionFindingDetails) event.correctedDetails();
    }

    @EventSourcingHandler
    void on(EntryRetracted event) {
        this.retractedOn = event.retractedOn();
    }

    public InspectionFindingDetails details() {
        return details;
    }

    private static void checkAgainstLedger(InspectionFindingDetails details, ContractRegister register) {
        details.check(LedgerClock.today());
        for (CrcId crcId : details.crcIds()) {
            register.requireCrc(crcId);
        }
    }
}
