package uk.crcledger.tlog.verify;

import uk.crcledger.tlog.note.VerifierKey;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code verify --url <base> --vkey <vkey> [--state <file>]}: checks a running ledger's log.
 *
 * <p>Exit status 0 when the log verifies, 1 when it does not (the verdict names the first bad
 * ledger position when there is one), 2 for bad arguments or when the log could not be read.
 */
public final class VerifyCommand {

    public static final String COMMAND = "verify";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int ERROR = 2;

    static final int DEFAULT_PARALLEL = 8;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static final String USAGE = """
            Usage: verify --url <base> --vkey <vkey> [--state <file>] [--parallel <n>]

            Checks a ledger's transparency log without trusting the server: the signed checkpoint at
            <base>/tlog/checkpoint against the verifier key you give (never the server's /tlog/vkey), every
            leaf in the entry bundles (canonical, naming its own position, hashing to the hash tiles), every
            higher tile against the subtree roots the leaves give, the root against the checkpoint, and
            every payload (payload bundles) against the SHA-256 its leaf commits to. Withheld payloads are
            counted, not failed.

              --url <base>      the ledger's base URL, e.g. http://localhost:8080 (the log is under <base>/tlog/)
              --vkey <vkey>     the log's verifier key, <name>+<key id>+<base64 key>, or a file holding it
              --state <file>    the checkpoint verified last time: the new one must extend it (root at the old
                                size recomputed, consistency proof checked); on success it is replaced by the
                                new one (atomically). A missing file is created.
              --parallel <n>    bundles fetched at once (default 8; three requests each)
              --help            this text

            Prints the checkpoint and a verdict on stdout, progress on stderr:
              OK: <origin> size <n> root <base64>, <n> leaves and <m> payloads checked (<w> withheld)
              FAILED at ledger position <p>: <what is wrong>     (FAILED: <what> when no one position is to blame)
            Exit status: 0 verified, 1 verification failed, 2 usage or network error.
            """;

    private VerifyCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** As {@link #run(String[])}, printing to the given streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("verify: " + e.getMessage());
            err.println();
            err.print(USAGE);
            err.flush();
            return ERROR;
        }
        if (options == null) {
            out.print(USAGE);
            out.flush();
            return OK;
        }
        ExecutorService http = Executors.newCachedThreadPool(daemons("verify-http"));
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemons("verify-check"));
        try {
            LogClient client = new LogClient(options.url(), TIMEOUT, http);
            LogVerifier verifier = new LogVerifier(client, options.key(), options.state() == null ? null
                    : new StateFile(options.state()), options.parallel(), workers, out, err);
            LogVerifier.Outcome outcome = verifier.verify();
            out.println("OK: " + outcome.origin() + " size " + outcome.size() + " root " + LogVerifier.b64(outcome.root())
                    + ", " + outcome.leaves() + " leaves and " + outcome.payloads() + " payloads checked ("
                    + outcome.withheld() + " withheld)");
            return OK;
        } catch (VerificationFailure e) {
            out.println(e.verdict());
            return FAILED;
        } catch (FetchException e) {
            err.println("verify: error: " + e.getMessage());
            return ERROR;
        } catch (RuntimeException e) {
            err.println("verify: error: the verifier broke down, nothing was decided: " + e);
            e.printStackTrace(err);
            return ERROR;
        } finally {
            out.flush();
            err.flush();
            http.shutdownNow();
            workers.shutdownNow();
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Bad arguments: reported with the usage text, exit status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    record Options(String url, VerifierKey key, Path state, int parallel) {

        /** The options, or null for --help. */
        static Options parse(String[] args) throws UsageException {
            if (args == null) {
                args = new String[0];
            }
            String url = null;
            String vkey = null;
            String state = null;
            String parallel = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    return null;
                }
                String name = arg;
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    name = arg.substring(0, equals);
                    value = arg.substring(equals + 1);
                }
                if (!name.equals("--url") && !name.equals("--vkey") && !name.equals("--state") && !name.equals("--parallel")) {
                    throw new UsageException(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument '" + arg + "'");
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--url" -> url = once(name, url, value);
                    case "--vkey" -> vkey = once(name, vkey, value);
                    case "--state" -> state = once(name, state, value);
                    default -> parallel = once(name, parallel, value);
                }
            }
            if (url == null) {
                throw new UsageException("--url is required");
            }
            if (!url.matches("(?i)https?://[^\\s]+")) {
                throw new UsageException("--url must be an http:// or https:// URL, not '" + url + "'");
            }
            if (vkey == null) {
                throw new UsageException("--vkey is required");
            }
            Path statePath = null;
            if (state != null) {
                try {
                    statePath = Path.of(state);
                } catch (InvalidPathException e) {
                    throw new UsageException("--state: not a file name: " + state);
                }
                if (Files.isDirectory(statePath)) {
                    throw new UsageException("--state " + state + " is a directory, not a file");
                }
            }
            int threads = DEFAULT_PARALLEL;
            if (parallel != null) {
                try {
                    threads = Integer.parseInt(parallel);
                } catch (NumberFormatException e) {
                    threads = -1;
                }
                if (threads < 1 || threads > 256) {
                    throw new UsageException("--parallel must be a number from 1 to 256, not '" + parallel + "'");
                }
            }
            return new Options(url, verifierKey(vkey), statePath, threads);
        }

        private static String once(String name, String previous, String value) throws UsageException {
            if (previous != null) {
                throw new UsageException(name + " is given twice");
            }
            return value;
        }

        /** The key itself, or the first line of a file that holds it. */
        private static VerifierKey verifierKey(String vkey) throws UsageException {
            String text = vkey.strip();
            String problem;
            try {
                return checked(VerifierKey.parse(text));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            try {
                Path file = Path.of(text);
                if (Files.isRegularFile(file)) {
                    String content = Files.readString(file, StandardCharsets.UTF_8).strip();
                    try {
                        return checked(VerifierKey.parse(content));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--vkey: the file " + file + " does not hold a verifier key: " + e.getMessage());
                    }
                }
            } catch (InvalidPathException | IOException e) {
                // not a file either: report the key's problem
            }
            throw new UsageException("--vkey is not a verifier key (<name>+<key id>+<base64 key>) nor a file holding one: "
                    + problem);
        }

        private static VerifierKey checked(VerifierKey key) {
            key.toPublicKey(); // throws IllegalArgumentException for a key that is not an Ed25519 point
            return key;
        }
    }
}
