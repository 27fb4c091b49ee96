package uk.crcledger.tlog.note;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One signature line of a signed note: {@code — <name> base64(keyId || signature)}.
 *
 * @param name the key name
 * @param keyId the 4-byte key ID (big-endian uint32 in the spec)
 * @param signature the signature bytes after the key ID (64 bytes for Ed25519; other lengths are
 *     kept so that signatures of other algorithms, e.g. witness cosignatures, survive a round trip)
 */
public record NoteSignature(String name, byte[] keyId, byte[] signature) {

    public NoteSignature {
        if (!Text.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: " + name);
        }
        if (keyId == null || keyId.length != 4) {
            throw new IllegalArgumentException("key ID must be 4 bytes");
        }
        // Go's note.Open requires at least 5 bytes in all: the ID and a non-empty signature.
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("signature must be non-empty");
        }
        keyId = keyId.clone();
        signature = signature.clone();
    }

    /** The signature line without its newline: em dash, space, name, space, base64(keyId || sig). */
    String line() {
        byte[] both = new byte[4 + signature.length];
        System.arraycopy(keyId, 0, both, 0, 4);
        System.arraycopy(signature, 0, both, 4, signature.length);
        return SignedNote.SIG_PREFIX + name + " " + Text.base64(both);
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s
                && name.equals(s.name)
                && Arrays.equals(keyId, s.keyId)
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(keyId)) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "NoteSignature[" + name + "+" + HexFormat.of().formatHex(keyId) + "]";
    }
}
