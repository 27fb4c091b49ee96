package uk.crcledger.search;

/** A query the index will not run, with the parameter at fault and a message that tells the reader what to change. */
public class InvalidSearchException extends IllegalArgumentException {

    private final String parameter;

    /** A refusal of the query text ({@code q}). */
    public InvalidSearchException(String message) {
        this("q", message);
    }

    public InvalidSearchException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The request parameter at fault: {@code q}, or {@code page} for a page beyond what a search shows. */
    public String parameter() {
        return parameter;
    }
}
