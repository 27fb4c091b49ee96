package uk.crcledger.tlog.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of RFC 9162 section 2.1 with SHA-256. The one-byte prefixes keep a leaf hash from ever
 * being mistaken for an interior node hash (second-preimage resistance).
 */
public final class MerkleHash {

    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleHash() {
    }

    /** SHA-256(0x00 || leafBytes). */
    public static byte[] leaf(byte[] leafBytes) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF_PREFIX);
        sha256.update(leafBytes);
        return sha256.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The root of the empty tree: SHA-256 of no bytes at all. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256, so this cannot happen on a conforming JDK.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
