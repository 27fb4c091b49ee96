package uk.crcledger.tlog.proof;

import uk.crcledger.tlog.merkle.InvalidProofException;
import uk.crcledger.tlog.merkle.MerkleVerifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.SignedNote;
import uk.crcledger.tlog.note.VerifierKey;

/**
 * A c2sp.org/tlog-proof: an offline-verifiable proof that an entry is in a log, made of the
 * entry's index, its Merkle inclusion proof, the log's signed checkpoint (with any witness
 * cosignatures) and optional opaque extra data.
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * extra &lt;base64&gt;          (optional)
 * index &lt;decimal&gt;
 * &lt;base64 hash&gt;            (zero or more, from the leaf's sibling up to the root's child)
 *
 * &lt;signed checkpoint, verbatim&gt;
 * </pre>
 *
 * <p>Parsing checks only the format. The extra data is not authenticated; nothing here is to be
 * trusted until {@link #verify} (or the caller's own equivalent) has succeeded.
 *
 * @param index the zero-based index of the entry in the log
 * @param proof the inclusion proof hashes, 32 bytes each
 * @param checkpoint the whole signed note of the checkpoint (text, blank line, signature lines)
 * @param extra opaque extra data, or null when there is none
 */
public record TlogProof(long index, List<byte[]> proof, String checkpoint, byte[] extra) {

    static final String HEADER = "c2sp.org/tlog-proof@v1";

    /** An inclusion proof in a tree of at most 2^63 - 1 leaves has at most 63 hashes. */
    static final int MAX_PROOF_HASHES = 63;

    public TlogProof {
        if (index < 0) {
            throw new IllegalArgumentException("tlog-proof: index must be >= 0");
        }
        Objects.requireNonNull(proof, "proof");
        if (proof.size() > MAX_PROOF_HASHES) {
            throw new IllegalArgumentException("tlog-proof: more than " + MAX_PROOF_HASHES + " proof hashes");
        }
        List<byte[]> copy = new ArrayList<>(proof.size());
        for (byte[] hash : proof) {
            if (hash == null || hash.length != 32) {
                throw new IllegalArgumentException("tlog-proof: proof hashes must be 32 bytes (SHA-256)");
            }
            copy.add(hash.clone());
        }
        proof = List.copyOf(copy);
        if (extra != null) {
            // "If no extra data is present, this line is omitted": so an extra line is never empty.
            if (extra.length == 0) {
                throw new IllegalArgumentException("tlog-proof: extra data must be null or non-empty");
            }
            extra = extra.clone();
        }
        // The checkpoint must be a well-formed signed note whose text is a checkpoint, so that a
        // TlogProof object always encodes to something every conforming parser accepts.
        Objects.requireNonNull(checkpoint, "checkpoint");
        Checkpoint body;
        try {
            body = Checkpoint.parse(SignedNote.parse(checkpoint).text());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tlog-proof: bad checkpoint: " + e.getMessage(), e);
        }
        if (index >= body.size()) {
            throw new IllegalArgumentException("tlog-proof: index " + index + " is not in a tree of size " + body.size());
        }
    }

    /** The proof in its text form, exactly as c2sp.org/tlog-proof lays it out. */
    public String encoded() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        if (extra != null) {
            sb.append("extra ").append(Base64.getEncoder().encodeToString(extra)).append('\n');
        }
        sb.append("index ").append(index).append('\n');
        for (byte[] hash : proof) {
            sb.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return sb.append('\n').append(checkpoint).toString();
    }

    /**
     * Parses a proof strictly: the header line; an optional {@code extra} line; the {@code index}
     * line in decimal without leading zeros; canonical base64 hashes of 32 bytes; an empty line;
     * then a signed note whose text is a checkpoint, to the end of the input.
     */
    public static TlogProof parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("malformed tlog-proof: null");
        }
        Lines lines = new Lines(text);
        if (!HEADER.equals(lines.next())) {
            throw new IllegalArgumentException("malformed tlog-proof: first line must be " + HEADER);
        }
        String line = lines.next();
        byte[] extra = null;
        if (line != null && line.startsWith("extra ")) {
            extra = decode(line.substring("extra ".length()), "extra data");
            if (extra.length == 0) {
                throw new IllegalArgumentException("malformed tlog-proof: empty extra line");
            }
            line = lines.next();
        }
        if (line == null || !line.startsWith("index ")) {
            throw new IllegalArgumentException("malformed tlog-proof: missing index line");
        }
        long index = parseIndex(line.substring("index ".length()));
        List<byte[]> proof = new ArrayList<>();
        while (true) {
            line = lines.next();
            if (line == null) {
                throw new IllegalArgumentException("malformed tlog-proof: no empty line before the checkpoint");
            }
            if (line.isEmpty()) {
                break;
            }
            if (proof.size() == MAX_PROOF_HASHES) {
                throw new IllegalArgumentException("malformed tlog-proof: more than " + MAX_PROOF_HASHES + " proof hashes");
            }
            byte[] hash = decode(line, "proof hash");
            if (hash.length != 32) {
                throw new IllegalArgumentException("malformed tlog-proof: proof hash of " + hash.length + " bytes, want 32");
            }
            proof.add(hash);
        }
        try {
            return new TlogProof(index, proof, lines.rest(), extra);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + e.getMessage(), e);
        }
    }

    private static long parseIndex(String s) {
        // Long.parseLong alone would take "+1" and "01"; the spec wants plain ASCII decimal.
        if (!s.matches("0|[1-9][0-9]*")) {
            throw new IllegalArgumentException("malformed tlog-proof: index \"" + s + "\" is not a decimal without leading zeros");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed tlog-proof: index " + s + " out of range", e);
        }
    }

    /** Standard padded base64, canonical only, so each proof has one spelling. */
    private static byte[] decode(String s, String what) {
        byte[] out;
        try {
            out = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed tlog-proof: " + what + " is not base64", e);
        }
        if (!Base64.getEncoder().encodeToString(out).equals(s)) {
            throw new IllegalArgumentException("malformed tlog-proof: " + what + " is not canonical base64");
        }
        return out;
    }

    /** Newline-terminated lines; a final line without its newline is an error. */
    private static final class Lines {
        private final String text;
        private int pos;

        Lines(String text) {
            this.text = text;
        }

        String next() {
            if (pos >= text.length()) {
                return null;
            }
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                throw new IllegalArgumentException("malformed tlog-proof: line without a newline");
            }
            String line = text.substring(pos, nl);
            pos = nl + 1;
            return line;
        }

        String rest() {
            return text.substring(pos);
        }
    }

    /** The checkpoint as a signed note. */
    public SignedNote signedCheckpoint() {
        return SignedNote.parse(checkpoint);
    }

    /** The checkpoint's body: origin, size, root hash. */
    public Checkpoint checkpointBody() {
        return Checkpoint.parse(signedCheckpoint().text());
    }

    /**
     * Steps 1, 2 and 4 of the spec's verification: the checkpoint's origin is {@code origin}, it is
     * signed by {@code logKey}, and the proof leads from {@code leafHash} at {@link #index()} to the
     * checkpoint's root (RFC 9162). Witness cosignatures (step 3) are policy and left to the caller,
     * who can check them with {@code signedCheckpoint().verify(witnessKey)}.
     */
    public boolean verify(String origin, VerifierKey logKey, byte[] leafHash) {
        SignedNote note = signedCheckpoint();
        Checkpoint body = Checkpoint.parse(note.text());
        if (!body.origin().equals(origin) || !note.verify(logKey)) {
            return false;
        }
        try {
            MerkleVerifier.verifyInclusion(leafHash, index, body.size(), proof(), body.rootHash());
            return true;
        } catch (InvalidProofException e) {
            return false;
        }
    }

    @Override
    public List<byte[]> proof() {
        List<byte[]> copy = new ArrayList<>(proof.size());
        for (byte[] hash : proof) {
            copy.add(hash.clone());
        }
        return List.copyOf(copy);
    }

    @Override
    public byte[] extra() {
        return extra == null ? null : extra.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TlogProof p) || index != p.index || !checkpoint.equals(p.checkpoint)
                || !Arrays.equals(extra, p.extra) || proof.size() != p.proof.size()) {
            return false;
        }
        for (int i = 0; i < proof.size(); i++) {
            if (!Arrays.equals(proof.get(i), p.proof.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(index) * 31 + checkpoint.hashCode();
        h = h * 31 + Arrays.hashCode(extra);
        for (byte[] hash : proof) {
            h = h * 31 + Arrays.hashCode(hash);
        }
        return h;
    }

    @Override
    public String toString() {
        return "TlogProof[index=" + index + ", " + proof.size() + " hashes, extra=" + (extra == null ? "none" : extra.length + " bytes") + "]";
    }
}
