package uk.crcledger.api.tlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;
import uk.crcledger.api.store.OwnerOnlyFiles;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.NoteSigner;
import uk.crcledger.tlog.note.SignedNote;
import uk.crcledger.tlog.note.VerifierKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who the log is: its origin (the first line of every checkpoint) and its signing key, with the
 * verifier key that anyone uses to check its checkpoints.
 *
 * @param origin the origin line of the checkpoints
 * @param signer the Ed25519 signing key
 */
public record LogIdentity(String origin, NoteSigner signer) {

    /** The signing key's file in the data directory, when no key is configured. */
    public static final String KEY_FILE = "tlog-signing.key";

    private static final Logger log = LoggerFactory.getLogger(LogIdentity.class);

    public VerifierKey verifierKey() {
        return signer.verifierKey();
    }

    /**
     * The origin: as configured, else as in the checkpoints already signed, else a new one naming
     * this host. A configured origin that differs from the signed checkpoints' stops the start: a
     * log's origin never changes, or clients would take it for another log.
     */
    static String origin(String configured, LogState state, String host) {
        Optional<String> signed = state.latest().map(c -> Checkpoint.parse(SignedNote.parse(c.note()).text()).origin());
        if (StringUtils.hasText(configured)) {
            String origin = configured.strip();
            if (signed.isPresent() && !signed.get().equals(origin)) {
                throw new IllegalStateException("ledger.tlog.origin is '" + origin + "' but this ledger's checkpoints "
                        + "are signed as '" + signed.get() + "'; a log's origin cannot change. Unset it or set it to '"
                        + signed.get() + "'.");
            }
            return origin;
        }
        return signed.orElse(host + "/crc-ledger");
    }

    /**
     * The signing key: as configured, else read from {@code <dataDir>/tlog-signing.key}, else made
     * now and written there readable by its owner only.
     */
    static NoteSigner signer(String configured, Path dataDir, String origin) {
        if (StringUtils.hasText(configured)) {
            try {
                return NoteSigner.parse(configured.strip());
            } catch (RuntimeException e) {
                throw new IllegalStateException("ledger.tlog.signing-key (LEDGER_TLOG_SIGNING_KEY) is not a signed-note "
                        + "Ed25519 key (PRIVATE+KEY+<name>+<key id>+<key>): " + e.getMessage());
            }
        }
        Path file = dataDir.resolve(KEY_FILE).toAbsolutePath().normalize();
        try {
            if (Files.exists(file)) {
                return NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the transparency log's signing key " + file, e);
        }
        NoteSigner signer = NoteSigner.generate(origin);
        OwnerOnlyFiles.write(file, signer.encoded() + "\n");
        log.info("Made the transparency log's signing key and wrote it to {} (readable by its owner only). Keep it "
                + "safe: checkpoints signed with another key are not this log's. Instances sharing this ledger need the "
                + "same key (ledger.tlog.signing-key).", file);
        return signer;
    }
}
