package uk.crcledger.search;

/** A query the index will not run, with a message that tells the reader what to change. */
public class InvalidSearchException extends IllegalArgumentException {

    public InvalidSearchException(String message) {
        super(message);
    }
}
