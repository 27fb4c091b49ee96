package uk.crcledger.tlog.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A named Ed25519 signing key for signed notes, stored in Go's golang.org/x/mod/sumdb/note form
 * {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || 32-byte seed)>}.
 *
 * <p>All cryptography is the JDK's: the seed is the RFC 8032 private key, and the public key is
 * derived from it by the JDK's own Ed25519 key pair generator.
 */
public final class NoteSigner {

    private static final String PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final byte[] seed;
    private final PrivateKey privateKey;
    private final VerifierKey verifierKey;

    private NoteSigner(String name, byte[] seed) {
        if (!Text.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: " + name);
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        this.name = name;
        this.seed = seed.clone();
        try {
            this.privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, this.seed));
            this.verifierKey = VerifierKey.of(name, VerifierKey.rawPublicKey(derivePublicKey(this.seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 is unavailable", e);
        }
    }

    /**
     * The JDK has no "public key from seed" call, but its Ed25519 generator draws exactly the 32
     * bytes of the private key from the SecureRandom it is given and derives the public key from
     * them; so we give it a SecureRandom that yields the seed, once.
     */
    private static EdECPublicKey derivePublicKey(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        return (EdECPublicKey) pair.getPublic();
    }

    /** Hands out the seed for one 32-byte request and refuses anything else, so a misuse is loud. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private transient byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (seed == null || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for unexpected random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            Arrays.fill(seed, (byte) 0);
            seed = null;
        }
    }

    /** A new random key (32 seed bytes from the JDK's default SecureRandom). */
    public static NoteSigner generate(String name) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        try {
            return new NoteSigner(name, seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Parses Go's private key form, as note.NewSigner: the key ID in it is of the public key, so it is
     * checked after deriving the public key from the seed.
     */
    public static NoteSigner parse(String skey) {
        if (skey == null || !skey.startsWith(PREFIX)) {
            throw new IllegalArgumentException("malformed signer key: want PRIVATE+KEY+<name>+<key id>+<key>");
        }
        String rest = skey.substring(PREFIX.length());
        int p1 = rest.indexOf('+');
        int p2 = p1 < 0 ? -1 : rest.indexOf('+', p1 + 1);
        if (p2 < 0) {
            throw new IllegalArgumentException("malformed signer key: want PRIVATE+KEY+<name>+<key id>+<key>");
        }
        String name = rest.substring(0, p1);
        if (!Text.isValidName(name)) {
            throw new IllegalArgumentException("malformed signer key: invalid name");
        }
        byte[] id = VerifierKey.parseKeyIdHex(rest.substring(p1 + 1, p2));
        byte[] key = Text.decodeBase64(rest.substring(p2 + 1));
        if (key.length == 0) {
            throw new IllegalArgumentException("malformed signer key: empty key");
        }
        if (key[0] != VerifierKey.ALG_ED25519) {
            throw new IllegalArgumentException("unknown signer algorithm " + (key[0] & 0xff));
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("malformed signer key: Ed25519 seed must be 32 bytes");
        }
        byte[] seed = Arrays.copyOfRange(key, 1, 33);
        Arrays.fill(key, (byte) 0);
        NoteSigner signer;
        try {
            signer = new NoteSigner(name, seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        if (!Arrays.equals(id, signer.verifierKey.keyId())) {
            throw new IllegalArgumentException("signer key ID does not match the key derived from the seed");
        }
        return signer;
    }

    /** The key in Go's {@code PRIVATE+KEY+...} form, for storing in a file. It is the secret. */
    public String encoded() {
        byte[] typed = new byte[33];
        typed[0] = VerifierKey.ALG_ED25519;
        System.arraycopy(seed, 0, typed, 1, 32);
        try {
            return PREFIX + name + "+" + HexFormat.of().formatHex(verifierKey.keyId()) + "+" + Text.base64(typed);
        } finally {
            Arrays.fill(typed, (byte) 0);
        }
    }

    public String name() {
        return name;
    }

    public VerifierKey verifierKey() {
        return verifierKey;
    }

    /** A 64-byte Ed25519 signature (RFC 8032, deterministic) of the message. */
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Never prints the seed: signers end up in logs. */
    @Override
    public String toString() {
        return "NoteSigner[" + verifierKey.encoded() + "]";
    }
}
