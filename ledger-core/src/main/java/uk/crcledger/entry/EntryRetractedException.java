package uk.crcledger.entry;

/** The entry was retracted; a retraction is final, so it can be neither corrected nor retracted again. */
public class EntryRetractedException extends LedgerRuleException {

    public EntryRetractedException(String message) {
        super(message);
    }
}
