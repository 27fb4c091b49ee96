package uk.crcledger.tlog.verify;

/** The log could not be read (network error, unexpected HTTP status, local file trouble): nothing was decided. */
final class FetchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FetchException(String message) {
        super(message);
    }

    FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
