package uk.crcledger.tlog.note;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 verifier key of c2sp.org/signed-note: {@code <name>+<hex key id>+<base64(0x01 || key)>}.
 *
 * <p>Only signature type 0x01 (Ed25519) is supported: the spec asks implementations to pick the
 * algorithms their design needs and not to support several at runtime.
 *
 * @param name the key name (non-empty, no '+', no Unicode space)
 * @param keyId the 4-byte key ID, which must equal {@link #keyId(String, byte[])} of name and key
 * @param publicKey the 32-byte RFC 8032 encoding of the Ed25519 public key
 */
public record VerifierKey(String name, byte[] keyId, byte[] publicKey) {

    /** Signature type identifier byte for Ed25519 (c2sp.org/signed-note, "Signature types"). */
    static final byte ALG_ED25519 = 0x01;

    public VerifierKey {
        if (!Text.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: " + name);
        }
        if (keyId == null || keyId.length != 4) {
            throw new IllegalArgumentException("key ID must be 4 bytes");
        }
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        keyId = keyId.clone();
        publicKey = publicKey.clone();
        // The spec only RECOMMENDS this derivation in general but prescribes it for Ed25519; holding
        // every VerifierKey to it means a key can never silently be filed under someone else's ID.
        if (!Arrays.equals(keyId, keyId(name, publicKey))) {
            throw new IllegalArgumentException("key ID does not match name and public key");
        }
    }

    /** The verifier key for a name and a raw 32-byte Ed25519 public key, with its derived key ID. */
    public static VerifierKey of(String name, byte[] publicKey) {
        return new VerifierKey(name, keyId(name, publicKey), publicKey);
    }

    /**
     * Parses {@code <name>+<8 lower-case hex>+<base64(0x01 || 32-byte key)>}, as Go's note.NewVerifier.
     * The key ID must be lower-case hex, which is how the spec defines the hex encoding (Go would
     * also take upper case); we do so that {@link #encoded()} gives back exactly the input.
     */
    public static VerifierKey parse(String vkey) {
        if (vkey == null) {
            throw new IllegalArgumentException("verifier key is null");
        }
        // The name cannot contain '+', but base64 can: split at the first two '+' only.
        int p1 = vkey.indexOf('+');
        int p2 = p1 < 0 ? -1 : vkey.indexOf('+', p1 + 1);
        if (p2 < 0) {
            throw new IllegalArgumentException("malformed verifier key: want <name>+<key id>+<key>");
        }
        String name = vkey.substring(0, p1);
        String hex = vkey.substring(p1 + 1, p2);
        String key64 = vkey.substring(p2 + 1);
        if (!Text.isValidName(name)) {
            throw new IllegalArgumentException("malformed verifier key: invalid name");
        }
        byte[] id = parseKeyIdHex(hex);
        byte[] key = Text.decodeBase64(key64);
        if (key.length == 0) {
            throw new IllegalArgumentException("malformed verifier key: empty key");
        }
        // Like Go, check the ID against the typed key before looking at the algorithm byte.
        byte[] typed = key;
        if (!Arrays.equals(id, truncatedSha256(name, typed))) {
            throw new IllegalArgumentException("verifier key ID does not match name and key");
        }
        if (key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("unknown verifier algorithm " + (key[0] & 0xff));
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("malformed verifier key: Ed25519 key must be 32 bytes");
        }
        return new VerifierKey(name, id, Arrays.copyOfRange(key, 1, 33));
    }

    static byte[] parseKeyIdHex(String hex) {
        if (hex.length() != 8 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("malformed key ID: want 8 lower-case hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** {@code <name>+<hex key id>+<base64(0x01 || public key)>}. */
    public String encoded() {
        return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Text.base64(typedKey(publicKey));
    }

    /** SHA-256(name || 0x0A || 0x01 || publicKey)[:4], the Ed25519 key ID of c2sp.org/signed-note. */
    public static byte[] keyId(String name, byte[] publicKey) {
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        return truncatedSha256(name, typedKey(publicKey));
    }

    private static byte[] typedKey(byte[] publicKey) {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = ALG_ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return typed;
    }

    private static byte[] truncatedSha256(String name, byte[] typedKey) {
        MessageDigest sha256 = sha256();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(typedKey);
        return Arrays.copyOf(sha256.digest(), 4);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /**
     * The key as a JDK {@link EdECPublicKey}. RFC 8032 section 5.1.2 encodes the point as y in 32
     * little-endian bytes with the parity of x in the top bit of the last byte; the JDK wants y as a
     * BigInteger and that bit as a boolean.
     */
    public PublicKey toPublicKey() {
        byte[] le = publicKey.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable Ed25519 public key", e);
        }
    }

    /** The inverse of {@link #toPublicKey()}: the RFC 8032 32-byte encoding of a JDK Ed25519 key. */
    static byte[] rawPublicKey(EdECPublicKey key) {
        EdECPoint point = key.getPoint();
        byte[] be = point.getY().toByteArray(); // big-endian, possibly with a leading sign byte
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        if (point.isXOdd()) {
            le[31] |= (byte) 0x80;
        }
        return le;
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifierKey k
                && name.equals(k.name)
                && Arrays.equals(keyId, k.keyId)
                && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(keyId)) + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "VerifierKey[" + encoded() + "]";
    }
}
