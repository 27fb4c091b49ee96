package uk.crcledger.api.problem;

/**
 * A payload the ledger withholds (for example under a court order): 451, with the SHA-256 its leaf
 * still holds, so every proof stays checkable.
 */
public class PayloadWithheld extends RuntimeException {

    private final long position;
    private final String payloadSha256;
    private final String reason;

    public PayloadWithheld(long position, String payloadSha256, String reason) {
        super("The payload at ledger position " + position + " is withheld: " + reason
                + ". Its SHA-256, which its leaf holds, is " + payloadSha256 + ".");
        this.position = position;
        this.payloadSha256 = payloadSha256;
        this.reason = reason;
    }

    public long position() {
        return position;
    }

    public String payloadSha256() {
        return payloadSha256;
    }

    public String reason() {
        return reason;
    }
}
