package uk.crcledger.tlog.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Inclusion and consistency proofs and tree roots of RFC 9162 sections 2.1.3 and 2.1.4, computed
 * from stored nodes.
 *
 * <p>The reader is only ever asked for complete nodes whose leaves all lie below the tree size: a
 * store only holds those, because a node on the tree's right border that is not complete would have a
 * different hash in every larger tree. Such a node is computed here by hashing the complete nodes
 * that make it up, as transparency-dev/merkle's proof package and golang.org/x/mod/sumdb/tlog do.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /** The audit path of RFC 9162 2.1.3.1 for leaf {@code index} in the tree of {@code size} leaves, lowest first. */
    public static List<byte[]> inclusion(long index, long size, NodeReader nodes) {
        if (index < 0 || size < 0) {
            throw new IllegalArgumentException("index and size must not be negative: index " + index + ", size " + size);
        }
        if (index >= size) {
            throw new IllegalArgumentException("index " + index + " is not below the tree size " + size);
        }
        Objects.requireNonNull(nodes, "nodes");
        List<byte[]> proof = new ArrayList<>();
        addPath(index, 0, size, nodes, proof);
        return proof;
    }

    /**
     * The consistency proof of RFC 9162 2.1.4.1 between the trees of {@code from} and {@code to} leaves.
     * It is empty when from == to or from == 0: every tree extends the empty tree and itself.
     */
    public static List<byte[]> consistency(long from, long to, NodeReader nodes) {
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("tree sizes must not be negative: from " + from + ", to " + to);
        }
        if (from > to) {
            throw new IllegalArgumentException("from " + from + " is larger than to " + to);
        }
        Objects.requireNonNull(nodes, "nodes");
        List<byte[]> proof = new ArrayList<>();
        if (from == 0 || from == to) {
            return proof;
        }
        addSubproof(from, 0, to, true, nodes, proof);
        return proof;
    }

    /** The RFC 9162 root of the tree of {@code size} leaves; the empty root for size 0. */
    public static byte[] root(long size, NodeReader nodes) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        Objects.requireNonNull(nodes, "nodes");
        return rangeHash(0, size, nodes);
    }

    // PATH(m, D[lo:hi]) of RFC 9162 2.1.3.1, with m an absolute leaf index.
    private static void addPath(long m, long lo, long hi, NodeReader nodes, List<byte[]> proof) {
        if (hi - lo == 1) {
            return;
        }
        long split = lo + largestPowerOfTwoBelow(hi - lo);
        if (m < split) {
            addPath(m, lo, split, nodes, proof);
            proof.add(rangeHash(split, hi, nodes));
        } else {
            addPath(m, split, hi, nodes, proof);
            proof.add(rangeHash(lo, split, nodes));
        }
    }

    // SUBPROOF(m, D[lo:hi], b) of RFC 9162 2.1.4.1, with m a count of leaves from lo.
    private static void addSubproof(long m, long lo, long hi, boolean startsAtOldRoot, NodeReader nodes,
            List<byte[]> proof) {
        long n = hi - lo;
        if (m == n) {
            // The verifier already knows the old root, so it is left out while we are still on its path.
            if (!startsAtOldRoot) {
                proof.add(rangeHash(lo, hi, nodes));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            addSubproof(m, lo, lo + k, startsAtOldRoot, nodes, proof);
            proof.add(rangeHash(lo + k, hi, nodes));
        } else {
            addSubproof(m - k, lo + k, hi, false, nodes, proof);
            proof.add(rangeHash(lo, lo + k, nodes));
        }
    }

    /**
     * MTH(D[lo:hi]) for a range the RFC recursion produces: lo is a multiple of the largest power of two
     * not above hi - lo, so the range splits into complete nodes, one per set bit of hi - lo, largest
     * first. They are folded right to left exactly as the RFC's recursion would combine them.
     */
    static byte[] rangeHash(long lo, long hi, NodeReader nodes) {
        long count = hi - lo;
        if (count == 0) {
            return MerkleHash.emptyRoot();
        }
        List<byte[]> parts = new ArrayList<>(Long.bitCount(count));
        long position = lo;
        for (int height = 63 - Long.numberOfLeadingZeros(count); height >= 0; height--) {
            if (((count >>> height) & 1) == 0) {
                continue;
            }
            if ((position & ((1L << height) - 1)) != 0) {
                throw new IllegalStateException("range [" + lo + ", " + hi + ") is not made of complete nodes");
            }
            parts.add(readHash(height, position >>> height, nodes));
            position += 1L << height;
        }
        byte[] hash = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            hash = MerkleHash.node(parts.get(i), hash);
        }
        return hash;
    }

    private static byte[] readHash(int height, long index, NodeReader nodes) {
        byte[] hash = nodes.hash(height, index);
        if (hash == null || hash.length != MerkleHash.SIZE) {
            throw new IllegalStateException("node reader returned " + (hash == null ? "no hash" : hash.length + " bytes")
                    + " for node at height " + height + ", index " + index);
        }
        return hash;
    }

    // The k of RFC 9162: the largest power of two smaller than n, for n > 1.
    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
