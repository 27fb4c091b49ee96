package uk.crcledger.correction;

import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.RecordedBy;

/**
 * An aggregate holding entries that can be corrected and retracted. {@link EntryRevisions} calls these inside the
 * aggregate's scope ({@code aggregate.execute(...)}), so they validate and apply events like a command handler,
 * and state still changes only in event sourcing handlers.
 */
public interface Revisable {

    void correct(CorrectEntry command, RecordedBy recordedBy, ContractRegister register);

    void retract(RetractEntry command, RecordedBy recordedBy, ContractRegister register);
}
