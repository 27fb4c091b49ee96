package uk.crcledger.incident;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import uk.crcledger.correction.StandaloneEntry;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.CrcId;


/**
 * One incident report, its own aggregate (id = entry id): it only needs the CRCs it names to be known. It does not
 * require a holder on the day: an incident is a fact about the CRC whoever ran it, and the read side names the holder.
 */
public class IncidentReport extends StandaloneEntry<IncidentReportDetails> {

    protected IncidentReport() {
        // for Axon
    }

    @CommandHandler
    public IncidentReport(RecordIncidentReport command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                          ContractRegister register) {
        record(command.entryId(), command.details(), recordedBy, register, IncidentReported::of);
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        recorded(event.entryId(), event.details());
    }

    @Override
    protected void checkAgainstLedger(IncidentReportDetails details, ContractRegister register) {
        details.check(LedgerClock.today());
        for (CrcId crcId : details.crcIds()) {
            register.requireCrc(crcId);
        }
    }
}
