package uk.crcledger.api.problem;

/** The first request with this Idempotency-Key has not finished yet (409). */
public class IdempotencyKeyInProgress extends RuntimeException {

    public IdempotencyKeyInProgress() {
        super("A request with this Idempotency-Key is still in progress; retry shortly");
    }
}
