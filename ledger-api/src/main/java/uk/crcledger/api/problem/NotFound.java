package uk.crcledger.api.problem;

/** No CRC, provider or entry with that id (at that time). */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
