package uk.crcledger.api.problem;

/** A request the ledger cannot carry out at the moment (a rebuild already running, ...): 409. */
public class NotNow extends RuntimeException {

    public NotNow(String message) {
        super(message);
    }
}
