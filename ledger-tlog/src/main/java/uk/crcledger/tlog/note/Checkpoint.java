package uk.crcledger.tlog.note;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The note text of a c2sp.org/tlog-checkpoint: origin, tree size, root hash, then optional extension
 * lines, each line ending in a newline. Sign {@link #text()} with {@link SignedNote#sign}.
 *
 * @param origin the log's identity, non-empty (the spec only RECOMMENDS a schema-less URL, so any
 *     other non-empty line is accepted)
 * @param size the number of leaves, >= 0
 * @param rootHash the 32-byte RFC 6962 root hash at that size
 * @param extensions opaque extension lines, each non-empty (the spec does not recommend them)
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        checkLine("origin", origin);
        if (size < 0) {
            throw new IllegalArgumentException("checkpoint: tree size must be >= 0");
        }
        if (rootHash == null || rootHash.length != 32) {
            throw new IllegalArgumentException("checkpoint: root hash must be 32 bytes");
        }
        rootHash = rootHash.clone();
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        for (String extension : extensions) {
            checkLine("extension line", extension);
        }
    }

    /** Each line must be non-empty and must keep the text a valid note text. */
    private static void checkLine(String what, String line) {
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("checkpoint: " + what + " must be non-empty");
        }
        if (line.indexOf('\n') >= 0 || !Text.isNoteSafe(line)) {
            throw new IllegalArgumentException("checkpoint: " + what + " must be one line of valid UTF-8 without control characters");
        }
    }

    /** Origin, decimal size, base64 root hash and the extension lines, each ending in a newline. */
    public String text() {
        StringBuilder sb = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(Text.base64(rootHash)).append('\n');
        for (String extension : extensions) {
            sb.append(extension).append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses a checkpoint's note text strictly (cf. torchwood's ParseCheckpoint): at least three
     * lines, every line non-empty and ending in a newline, size in decimal without leading zeros,
     * root hash canonical base64 of 32 bytes.
     */
    public static Checkpoint parse(String text) {
        if (text == null || !text.endsWith("\n")) {
            throw new IllegalArgumentException("malformed checkpoint: text must end with a newline");
        }
        // split with limit -1 keeps the empty string after the final newline, which we then drop.
        String[] parts = text.split("\n", -1);
        List<String> lines = Arrays.asList(parts).subList(0, parts.length - 1);
        if (lines.size() < 3) {
            throw new IllegalArgumentException("malformed checkpoint: want origin, size and root hash lines, got " + lines.size() + " line(s)");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new IllegalArgumentException("malformed checkpoint: line " + (i + 1) + " is empty");
            }
        }
        long size = parseSize(lines.get(1));
        byte[] root;
        try {
            root = Text.decodeBase64(lines.get(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed checkpoint: root hash: " + e.getMessage(), e);
        }
        if (root.length != 32) {
            throw new IllegalArgumentException("malformed checkpoint: root hash is " + root.length + " bytes, want 32");
        }
        try {
            return new Checkpoint(lines.get(0), size, root, new ArrayList<>(lines.subList(3, lines.size())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + e.getMessage(), e);
        }
    }

    /** ASCII decimal, no sign, no leading zeros unless the value is 0 (Long.parseLong alone takes "+1", "01"). */
    private static long parseSize(String s) {
        if (!s.matches("0|[1-9][0-9]*")) {
            throw new IllegalArgumentException("malformed checkpoint: tree size \"" + s + "\" is not a decimal without leading zeros");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed checkpoint: tree size " + s + " out of range", e);
        }
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c
                && origin.equals(c.origin)
                && size == c.size
                && Arrays.equals(rootHash, c.rootHash)
                && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return ((origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash)) * 31 + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + " " + size + " " + Text.base64(rootHash) + "]";
    }
}
