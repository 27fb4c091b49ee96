package uk.crcledger.tlog.merkle;

/** A Merkle proof did not verify; the message says what did not match. */
public class InvalidProofException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidProofException(String message) {
        super(message);
    }
}
