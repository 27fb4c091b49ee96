package uk.crcledger.timeline;

/**
 * The read model cannot answer now: its active version was written in a storage layout this version
 * does not read, and is being rebuilt. Answering from it would be wrong, answering nothing would look
 * like an empty ledger; callers are told to come back instead.
 */
public class ReadModelUnavailableException extends RuntimeException {

    public ReadModelUnavailableException(String message) {
        super(message);
    }
}
