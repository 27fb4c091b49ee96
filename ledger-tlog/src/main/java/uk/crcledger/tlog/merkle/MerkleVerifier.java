package uk.crcledger.tlog.merkle;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2). The proof length
 * is checked against the one the tree shape dictates before any hashing, so a proof with extra or
 * missing hashes is rejected as such rather than as a root mismatch. The chaining follows
 * transparency-dev/merkle's proof package, which is equivalent to the RFC's bit-shifting loops.
 */
public final class MerkleVerifier {

    private MerkleVerifier() {
    }

    /** Throws {@link InvalidProofException} unless the proof places {@code leafHash} at {@code index} under {@code root}. */
    public static void verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        checkHash("root", root);
        byte[] computed = rootFromInclusionProof(leafHash, index, size, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new InvalidProofException("root mismatch: inclusion proof for leaf " + index + " in tree size " + size
                    + " gives root " + hex(computed) + ", expected " + hex(root));
        }
    }

    /** The root the inclusion proof leads to; throws {@link InvalidProofException} if the proof cannot be right for any root. */
    public static byte[] rootFromInclusionProof(byte[] leafHash, long index, long size, List<byte[]> proof) {
        if (index < 0 || size < 0 || index >= size) {
            throw new InvalidProofException("index out of range: leaf " + index + " is not in a tree of size " + size);
        }
        checkHash("leaf hash", leafHash);
        checkProof(proof);
        int inner = innerProofLength(index, size);
        int border = Long.bitCount(index >>> inner);
        if (proof.size() != inner + border) {
            throw new InvalidProofException("wrong proof length: " + proof.size() + " hashes, expected " + (inner + border)
                    + " for leaf " + index + " in tree size " + size);
        }
        byte[] hash = chainInner(leafHash, proof.subList(0, inner), index);
        return chainBorderRight(hash, proof.subList(inner, proof.size()));
    }

    /**
     * Throws {@link InvalidProofException} unless the tree of {@code to} leaves with root {@code toRoot}
     * extends the tree of {@code from} leaves with root {@code fromRoot}. A proof from size 0 must be
     * empty and {@code fromRoot} the empty root: every tree extends the empty tree.
     */
    public static void verifyConsistency(long from, long to, List<byte[]> proof, byte[] fromRoot, byte[] toRoot) {
        if (from < 0 || to < 0 || from > to) {
            throw new InvalidProofException("tree sizes out of range: from " + from + " to " + to);
        }
        checkHash("old root", fromRoot);
        checkHash("new root", toRoot);
        checkProof(proof);
        if (from == 0) {
            requireEmptyProof(proof, from, to);
            requireMatch(fromRoot, MerkleHash.emptyRoot(), "the old root of size 0 is not the empty root");
            return;
        }
        if (from == to) {
            requireEmptyProof(proof, from, to);
            requireMatch(toRoot, fromRoot, "trees of the same size " + from + " have different roots");
            return;
        }
        // Below the level of from's lowest set bit both trees share the same complete nodes, so the proof
        // starts there; if from is a power of two its root is that node and is left out of the proof.
        int shift = Long.numberOfTrailingZeros(from);
        int forkLevel = innerProofLength(from - 1, to);
        int inner = forkLevel - shift;
        int border = Long.bitCount((from - 1) >>> forkLevel);
        boolean fromIsPerfect = from == 1L << shift;
        int start = fromIsPerfect ? 0 : 1;
        if (proof.size() != start + inner + border) {
            throw new InvalidProofException("wrong proof length: " + proof.size() + " hashes, expected "
                    + (start + inner + border) + " for consistency from " + from + " to " + to);
        }
        byte[] seed = fromIsPerfect ? fromRoot : proof.get(0);
        List<byte[]> path = proof.subList(start, proof.size());
        long mask = (from - 1) >>> shift;

        byte[] oldRoot = chainInnerRight(seed, path.subList(0, inner), mask);
        oldRoot = chainBorderRight(oldRoot, path.subList(inner, path.size()));
        requireMatch(oldRoot, fromRoot, "root mismatch: consistency proof from " + from + " to " + to
                + " gives old root " + hex(oldRoot) + ", expected " + hex(fromRoot));

        byte[] newRoot = chainInner(seed, path.subList(0, inner), mask);
        newRoot = chainBorderRight(newRoot, path.subList(inner, path.size()));
        requireMatch(newRoot, toRoot, "root mismatch: consistency proof from " + from + " to " + to
                + " gives new root " + hex(newRoot) + ", expected " + hex(toRoot));
    }

    // The number of proof hashes below the level where the paths of leaves index and size-1 meet; above
    // it, the proof only holds left siblings of the path to the root (one per set bit of the index).
    private static int innerProofLength(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    // Climbs from a node, putting each proof hash on the side the index bit says.
    private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        byte[] hash = seed;
        for (int i = 0; i < proof.size(); i++) {
            hash = ((index >>> i) & 1) == 0 ? MerkleHash.node(hash, proof.get(i)) : MerkleHash.node(proof.get(i), hash);
        }
        return hash;
    }

    // Like chainInner but skips right siblings: they are not part of the smaller (old) tree.
    private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        byte[] hash = seed;
        for (int i = 0; i < proof.size(); i++) {
            if (((index >>> i) & 1) == 1) {
                hash = MerkleHash.node(proof.get(i), hash);
            }
        }
        return hash;
    }

    private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        byte[] hash = seed;
        for (byte[] sibling : proof) {
            hash = MerkleHash.node(sibling, hash);
        }
        return hash;
    }

    private static void requireEmptyProof(List<byte[]> proof, long from, long to) {
        if (!proof.isEmpty()) {
            throw new InvalidProofException("wrong proof length: " + proof.size() + " hashes, expected 0 for consistency from "
                    + from + " to " + to);
        }
    }

    private static void requireMatch(byte[] computed, byte[] expected, String message) {
        if (!MessageDigest.isEqual(computed, expected)) {
            throw new InvalidProofException(message);
        }
    }

    private static void checkHash(String what, byte[] hash) {
        if (hash == null || hash.length != MerkleHash.SIZE) {
            throw new InvalidProofException(what + " must have " + MerkleHash.SIZE + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
    }

    private static void checkProof(List<byte[]> proof) {
        if (proof == null) {
            throw new InvalidProofException("no proof");
        }
        for (int i = 0; i < proof.size(); i++) {
            byte[] hash = proof.get(i);
            if (hash == null || hash.length != MerkleHash.SIZE) {
                throw new InvalidProofException("proof hash " + i + " must have " + MerkleHash.SIZE + " bytes, got "
                        + (hash == null ? "none" : hash.length));
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
