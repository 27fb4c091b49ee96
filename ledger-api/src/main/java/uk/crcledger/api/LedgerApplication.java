package uk.crcledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The CRC Accountability Ledger: one executable jar, embedded store by default. Its first argument
 * may pick another mode: {@code server} (the embedded store alone) or {@code verify} (the
 * independent verifier of a running ledger's transparency log).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    // Set when the class loads, so an app started by a test or an embedding builder behaves as the jar does.
    static {
        // Axon's update checker calls home on start; the ledger runs on closed networks too and
        // reports nothing about its users. Set the property to false to allow it.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        // Axon's banner for its hosted console is ten lines of the start log; the ledger does not use it.
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && uk.crcledger.api.store.EmbeddedServerMode.COMMAND.equals(args[0])) {
            uk.crcledger.api.store.EmbeddedServerMode.run(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && "tlog-key".equals(args[0])) {
            // A signing key for instances that share one log (ledger.tlog.signing-key).
            if (args.length != 2) {
                System.err.println("usage: tlog-key <origin, e.g. ledger.example.org/tlog>");
                System.exit(2);
            }
            uk.crcledger.tlog.note.NoteSigner signer = uk.crcledger.tlog.note.NoteSigner.generate(args[1]);
            System.out.println("LEDGER_TLOG_SIGNING_KEY=" + signer.encoded());
            System.out.println("# verifier key, for readers: " + signer.verifierKey().encoded());
            return;
        }
        if (args.length > 0 && uk.crcledger.tlog.verify.VerifyCommand.COMMAND.equals(args[0])) {
            // The independent verifier: no Spring, no store, nothing of the server is trusted.
            System.exit(uk.crcledger.tlog.verify.VerifyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
