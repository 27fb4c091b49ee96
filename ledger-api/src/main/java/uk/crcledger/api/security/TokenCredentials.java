package uk.crcledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A bearer token split into the id it is stored under and its secret.
 * <p>
 * Tokens the ledger makes are {@code <id>.<secret>}: the id is 12 random base32 characters
 * ({@code [a-z2-7]}, 60 bits), the secret 32 random bytes from {@link SecureRandom} in base64url
 * without padding (43 characters), e.g. {@code k3q7xw2mzp4a.Yx0...}.
 * <p>
 * Any bearer value is split by the same rule, {@link #parse}, at authentication and when the first
 * admin token is taken from {@code LEDGER_ADMIN_TOKEN}: the text before the first {@code '.'} is the
 * id when it is 1-64 characters of {@code [A-Za-z0-9_-]} and a secret follows; any other value is
 * the secret of the token with the fixed id {@code admin}. So any configured admin token works as
 * given, verbatim, whatever its form.
 */
public record TokenCredentials(String id, String secret) {

    /** The id of a configured admin token that is not of the form {@code <id>.<secret>}. */
    public static final String FALLBACK_ID = "admin";

    /** The longest bearer value accepted. */
    public static final int MAX_LENGTH = 1024;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int ID_LENGTH = 12;
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token with a random id and secret. */
    public static TokenCredentials generate() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new TokenCredentials(new String(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /**
     * Whether {@code value} can be a bearer token at all: 1 to {@value #MAX_LENGTH} visible ASCII
     * characters (no spaces, no control characters).
     */
    public static boolean isWellFormed(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        return value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** Splits a bearer value (see the class comment); {@code value} must be {@link #isWellFormed}. */
    public static TokenCredentials parse(String value) {
        int dot = value.indexOf('.');
        if (dot > 0 && dot < value.length() - 1 && ID.matcher(value.substring(0, dot)).matches()) {
            return new TokenCredentials(value.substring(0, dot), value.substring(dot + 1));
        }
        return new TokenCredentials(FALLBACK_ID, value);
    }

    /**
     * The SHA-256 of a secret, in lower-case hex: what the store keeps. A fast hash is enough, no
     * slow password KDF (bcrypt, Argon2) is needed: generated secrets carry 256 random bits, far
     * beyond any brute force, and a slow hash would only slow every API call. (A configured admin
     * token is as strong as the operator makes it; the bootstrap warns when it is short.)
     */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Whether {@code secret} hashes to {@code expectedHash}, in time independent of where they differ. */
    public static boolean matches(String secret, String expectedHash) {
        byte[] actual = hash(secret).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = expectedHash == null ? new byte[0] : expectedHash.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected);
    }

    /** The bearer value: {@code <id>.<secret>}. */
    public String value() {
        return id + "." + secret;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "TokenCredentials[id=" + id + ", secret=***]";
    }
}
