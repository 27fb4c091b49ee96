package uk.crcledger.tlog.verify;

/**
 * The log does not check out: what is wrong and, when it can be told, the first ledger position
 * (1-based) where it is wrong.
 */
final class VerificationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The ledger position, or 0 when the failure is not about one position (a signature, a root, the saved state). */
    private final long position;

    VerificationFailure(long position, String problem) {
        super(problem, null, false, false);
        this.position = position;
    }

    static VerificationFailure at(long position, String problem) {
        return new VerificationFailure(position, problem);
    }

    static VerificationFailure general(String problem) {
        return new VerificationFailure(0, problem);
    }

    long position() {
        return position;
    }

    /** The verdict line: {@code FAILED at ledger position <p>: <problem>} or {@code FAILED: <problem>}. */
    String verdict() {
        return position > 0 ? "FAILED at ledger position " + position + ": " + getMessage() : "FAILED: " + getMessage();
    }
}
