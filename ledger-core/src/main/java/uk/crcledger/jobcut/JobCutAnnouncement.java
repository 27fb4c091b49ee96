package uk.crcledger.jobcut;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import uk.crcledger.correction.StandaloneEntry;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.ProviderId;


/**
 * One job-cut announcement, its own aggregate (id = entry id). It only reads who held the named CRCs (through
 * {@link ContractRegister}) and protects no invariant shared with other entries, so a small stream of its own keeps
 * CRC streams free of traffic and lets it be corrected and retracted on its own.
 */
public class JobCutAnnouncement extends StandaloneEntry<JobCutAnnouncementDetails> {

    protected JobCutAnnouncement() {
        // for Axon
    }

    @CommandHandler
    public JobCutAnnouncement(RecordJobCutAnnouncement command,
                              @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                              ContractRegister register) {
        record(command.entryId(), command.details(), recordedBy, register, JobCutsAnnounced::of);
    }

    @EventSourcingHandler
    void on(JobCutsAnnounced event) {
        recorded(event.entryId(), event.details());
    }

    /** A provider can only cut jobs in a CRC it holds on the day it announces the cut. */
    @Override
    protected void checkAgainstLedger(JobCutAnnouncementDetails details, ContractRegister register) {
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
