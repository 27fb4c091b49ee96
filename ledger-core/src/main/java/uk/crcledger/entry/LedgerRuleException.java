package uk.crcledger.entry;

/**
 * A command broke one of the ledger's rules. Subtypes say which kind of rule, so an adapter can map them to
 * responses; the message always names the offending values so campaign staff can fix the entry.
 */
public abstract class LedgerRuleException extends RuntimeException {

    protected LedgerRuleException(String message) {
        super(message);
    }
}
