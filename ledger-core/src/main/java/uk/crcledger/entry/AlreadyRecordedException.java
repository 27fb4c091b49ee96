package uk.crcledger.entry;

/** A CRC, provider or entry with this id exists already; re-applying seed data ends here. */
public class AlreadyRecordedException extends LedgerRuleException {

    public AlreadyRecordedException(String message) {
        super(message);
    }
}
