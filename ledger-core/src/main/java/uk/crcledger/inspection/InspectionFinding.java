package uk.crcledger.inspection;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import uk.crcledger.correction.StandaloneEntry;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.CrcId;


/**
 * One inspectorate finding, its own aggregate (id = entry id): it only needs the CRCs it names to be known, and a
 * thematic report about all CRCs must not touch 21 CRC streams.
 */
public class InspectionFinding extends StandaloneEntry<InspectionFindingDetails> {

    protected InspectionFinding() {
        // for Axon
    }

    @CommandHandler
    public InspectionFinding(RecordInspectionFinding command,
                             @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                             ContractRegister register) {
        record(command.entryId(), command.details(), recordedBy, register, InspectionFindingPublished::of);
    }

    @EventSourcingHandler
    void on(InspectionFindingPublished event) {
        recorded(event.entryId(), event.details());
    }

    @Override
    protected void checkAgainstLedger(InspectionFindingDetails details, ContractRegister register) {
        details.check(LedgerClock.today());
        for (CrcId crcId : details.crcIds()) {
            register.requireCrc(crcId);
        }
    }
}
