package uk.crcledger.jobcut;

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
import uk.crcledger.provider.ProviderId;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One job-cut announcement, its own aggregate (id = entry id). It only reads who held the named CRCs (through
 * {@link ContractRegister}) and protects no invariant shared with other entries, so a small stream of its own keeps
 * CRC streams free of traffic and lets it be corrected and retracted on its own.
 */
public class JobCutAnnouncement implements Revisable {

    @AggregateIdentifier
    private EntryId entryId;
    private JobCutAnnouncementDetails details;
    private LocalDate retractedOn;

    protected JobCutAnnouncement() {
        // for Axon
    }

    @CommandHandler
    public JobCutAnnouncement(RecordJobCutAnnouncement command,
                              @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                              ContractRegister register, EntryDirectory directory) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryRules.require("entryId", command.entryId());
        JobCutAnnouncementDetails details = command.details();
        checkAgainstLedger(details, register);
        directory.register(command.entryId(),
                EntryOwner.ownAggregate(EntryType.JOB_CUT_ANNOUNCEMENT, command.entryId()));
        apply(JobCutsAnnounced.of(command.entryId(), details, by));
    }

    @Override
    public void correct(CorrectEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "corrected");
        String reason = EntryRules.requireReason(command.reason(), "correction");
        Changes changes = Changes.of(EntryType.JOB_CUT_ANNOUNCEMENT, command.changes(),
                JobCutAnnouncementDetails.CORRECTABLE, JobCutAnnouncementDetails.NOT_CORRECTABLE);
        JobCutAnnouncementDetails corrected = details.correctedWith(changes);
        if (corrected.equals(details)) {
            throw new InvalidEntryException("the changes leave entry " + entryId + " as it was");
        }
        checkAgainstLedger(corrected, register);
        apply(new EntryCorrected(entryId, EntryType.JOB_CUT_ANNOUNCEMENT, corrected, changes.fieldNames(), reason,
                recordedBy, LedgerClock.today()));
    }

    @Override
    public void retract(RetractEntry command, RecordedBy recordedBy, ContractRegister register) {
        EntryRules.requireNotRetracted(entryId, retractedOn, "retracted");
        String reason = EntryRules.requireReason(command.reason(), "retraction");
        apply(new EntryRetracted(entryId, EntryType.JOB_CUT_ANNOUNCEMENT, reason, recordedBy, LedgerClock.today()));
    }

    @EventSourcingHandler
    void on(JobCutsAnnounced event) {
        this.entryId = event.entryId();
        this.details = event.details();
    }

    @EventSourcingHandler
    void on(EntryCorrected event) {
        this.details = (JobCutAnnouncementDetails) event.correctedDetails();
    }

    @EventSourcingHandler
    void on(EntryRetracted event) {
        this.retractedOn = event.retractedOn();
    }

    public JobCutAnnouncementDetails details() {
        return details;
    }

    /** A provider can only cut jobs in a CRC it holds on the day it announces the cut. */
    private static void checkAgainstLedger(JobCutAnnouncementDetails details, ContractRegister register) {
        details.check(LedgerClock.today());
        register.requireProvider(details.providerId());
        for (AffectedCrc crc : details.crcs()) {
            register.requireCrc(crc.crcId());
            ProviderId holder = register.holderOn(crc.crcId(), details.announcedOn()).orElse(null);
            if (!details.providerId().equals(holder)) {
                throw new HoldingConflictException(crc.crcId() + " is held by "
                        + (holder == null ? "no provider" : holder) + " on " + details.announcedOn() + ", not "
                        + details.providerId());
            }
        }
    }
}
