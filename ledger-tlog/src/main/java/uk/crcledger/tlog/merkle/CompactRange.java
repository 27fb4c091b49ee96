package uk.crcledger.tlog.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The right border of a tree over leaves [0, size): one complete node per set bit of size, highest
 * first. It is all an appender needs to keep: the root and every future node can be computed from it
 * and the leaves still to come.
 */
public final class CompactRange {

    private long size;
    // Left (highest, covering the oldest leaves) first; node i has height of the i-th highest set bit.
    private final List<byte[]> border;

    public CompactRange() {
        this(0, new ArrayList<>());
    }

    private CompactRange(long size, List<byte[]> border) {
        this.size = size;
        this.border = border;
    }

    /** Restores a range from its persisted {@link #nodes()}; there must be one node per set bit of size. */
    public static CompactRange of(long size, List<byte[]> nodes) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        Objects.requireNonNull(nodes, "nodes");
        if (nodes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a compact range of size " + size + " has " + Long.bitCount(size)
                    + " nodes, got " + nodes.size());
        }
        List<byte[]> copy = new ArrayList<>(nodes.size());
        for (byte[] node : nodes) {
            copy.add(checkedHash(node).clone());
        }
        return new CompactRange(size, copy);
    }

    /**
     * Appends one leaf, reporting the leaf and then each node it completes, lowest first. Amortised and
     * worst case O(log n): a leaf completes one node per trailing one bit of the old size.
     */
    public void append(byte[] leafHash, NodeSink sink) {
        checkedHash(leafHash);
        Objects.requireNonNull(sink, "sink");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the tree is full");
        }
        byte[] hash = leafHash.clone();
        long index = size;
        int height = 0;
        sink.completed(height, index, hash.clone());
        // Each trailing one bit of the old size is a border node waiting for a right sibling of its height.
        while (((size >>> height) & 1) == 1) {
            byte[] left = border.remove(border.size() - 1);
            hash = MerkleHash.node(left, hash);
            height++;
            index >>>= 1;
            sink.completed(height, index, hash.clone());
        }
        border.add(hash);
        size++;
    }

    public long size() {
        return size;
    }

    /** The RFC 9162 root of leaves [0, size): border nodes folded right to left. */
    public byte[] root() {
        if (border.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        byte[] root = border.get(border.size() - 1).clone();
        for (int i = border.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(border.get(i), root);
        }
        return root;
    }

    /** Copies of the border nodes, highest first, for persistence and {@link #of(long, List)}. */
    public List<byte[]> nodes() {
        List<byte[]> copy = new ArrayList<>(border.size());
        for (byte[] node : border) {
            copy.add(node.clone());
        }
        return copy;
    }

    private static byte[] checkedHash(byte[] hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.length != MerkleHash.SIZE) {
            throw new IllegalArgumentException("a hash has " + MerkleHash.SIZE + " bytes, got " + hash.length);
        }
        return hash;
    }
}
