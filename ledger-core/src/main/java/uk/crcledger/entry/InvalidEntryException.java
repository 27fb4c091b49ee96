package uk.crcledger.entry;

/** The entry itself is incomplete or inconsistent (missing field, no source, date in the future, bad figure). */
public class InvalidEntryException extends LedgerRuleException {

    public InvalidEntryException(String message) {
        super(message);
    }
}
