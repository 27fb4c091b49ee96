package uk.crcledger.api.problem;

/** The same Idempotency-Key was used for a different request (422). */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused() {
        super("This Idempotency-Key was used for a different request");
    }
}
