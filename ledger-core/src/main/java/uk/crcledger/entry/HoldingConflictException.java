package uk.crcledger.entry;

/** The entry contradicts who held a CRC's contract on a date. */
public class HoldingConflictException extends LedgerRuleException {

    public HoldingConflictException(String message) {
        super(message);
    }
}
