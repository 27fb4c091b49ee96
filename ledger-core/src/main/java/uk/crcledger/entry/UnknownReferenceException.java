package uk.crcledger.entry;

/** The entry names a CRC, provider or entry the ledger does not know. */
public class UnknownReferenceException extends LedgerRuleException {

    public UnknownReferenceException(String message) {
        super(message);
    }
}
