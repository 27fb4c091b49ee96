package uk.crcledger.contract;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import uk.crcledger.correction.StandaloneEntry;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.CrcId;


/**
 * One change of the planned end of CRC contracts, its own aggregate (id = entry id). Why not in the CRCs'
 * streams: one announcement covers many CRCs (all 21 on 2018-07-27) and changes no holder, so no CRC invariant
 * needs it, and it stays one entry that is corrected or retracted as one.
 */
public class ContractTermChange extends StandaloneEntry<ContractTermChangeDetails> {

    protected ContractTermChange() {
        // for Axon
    }

    @CommandHandler
    public ContractTermChange(RecordContractTermChange command,
                              @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                              ContractRegister register) {
        record(command.entryId(), command.details(), recordedBy, register, ContractTermChanged::of);
    }

    @EventSourcingHandler
    void on(ContractTermChanged event) {
        recorded(event.entryId(), event.details());
    }

    /** A term can only change for a contract in force: each CRC must be known and held on the announcement day. */
    @Override
    protected void checkAgainstLedger(ContractTermChangeDetails details, ContractRegister register) {
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
