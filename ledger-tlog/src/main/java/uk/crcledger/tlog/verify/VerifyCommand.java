package uk.crcledger.tlog.verify;

/** {@code verify --url <base> --vkey <vkey> [--state <file>]}: checks a running ledger's log. */
public final class VerifyCommand {

    public static final String COMMAND = "verify";

    private VerifyCommand() {
    }

    public static int run(String[] args) {
        System.err.println("verify: not built yet");
        return 2;
    }
}
