package uk.crcledger.tlog.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The tiles of c2sp.org/tlog-tiles: the tree stored as subtrees of height 8 with their bottom row kept. */
public final class Tiles {

    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;

    private Tiles() {
    }

    /** Reads the hashes of one tile. */
    @FunctionalInterface
    public interface TileSource {

        /**
         * The concatenated hashes of tile {@code index} at {@code level}, at least {@code width} hashes
         * wide (a wider tile of the same index is fine: its first hashes are the same); throws if unavailable.
         */
        byte[] tile(int level, long index, int width);
    }

    /**
     * Every hash tile that exists for a tree of this size: at each level, the full tiles and then the
     * partial one of width floor(size / 256^level) mod 256 if that is not zero; levels ascending.
     */
    public static List<HashTilePath> hashTilesFor(long treeSize) {
        checkTreeSize(treeSize);
        List<HashTilePath> tiles = new ArrayList<>();
        for (int level = 0; level * HEIGHT < Long.SIZE; level++) {
            long hashesAtLevel = treeSize >>> (level * HEIGHT);
            if (hashesAtLevel == 0) {
                break;
            }
            long fullTiles = hashesAtLevel >>> HEIGHT;
            for (long index = 0; index < fullTiles; index++) {
                tiles.add(new HashTilePath(level, index, WIDTH));
            }
            int partialWidth = (int) (hashesAtLevel & (WIDTH - 1));
            if (partialWidth > 0) {
                tiles.add(new HashTilePath(level, fullTiles, partialWidth));
            }
        }
        return tiles;
    }

    /** Every entry bundle that exists for a tree of this size: the full ones, then the partial one if any. */
    public static List<EntryBundlePath> entryBundlesFor(long treeSize) {
        checkTreeSize(treeSize);
        List<EntryBundlePath> bundles = new ArrayList<>();
        long fullBundles = treeSize >>> HEIGHT;
        for (long index = 0; index < fullBundles; index++) {
            bundles.add(new EntryBundlePath(index, WIDTH));
        }
        int partialWidth = (int) (treeSize & (WIDTH - 1));
        if (partialWidth > 0) {
            bundles.add(new EntryBundlePath(fullBundles, partialWidth));
        }
        return bundles;
    }

    /**
     * A reader of the complete nodes of the tree of {@code treeSize} leaves from its tiles. A node at
     * height h lies in the level floor(h/8) tile; its hash is computed from the 2^(h mod 8) tile hashes
     * below it. Each tile is asked for at the width it has in this tree (full, or this size's partial
     * width), because only those tiles are published for a checkpoint of this size: a narrower partial
     * tile may never have been written or may have been deleted once the full tile existed.
     */
    public static NodeReader nodeReader(long treeSize, TileSource source) {
        checkTreeSize(treeSize);
        Objects.requireNonNull(source, "source");
        return (height, index) -> {
            if (height < 0 || height >= Long.SIZE - 1 || index < 0 || index >= (treeSize >>> height)) {
                throw new IllegalArgumentException("node at height " + height + ", index " + index
                        + " is not a complete node of a tree of size " + treeSize);
            }
            int level = height / HEIGHT;
            int heightInTile = height % HEIGHT;
            long firstHash = index << heightInTile;
            int hashCount = 1 << heightInTile;
            long tileIndex = firstHash >>> HEIGHT;
            int offset = (int) (firstHash & (WIDTH - 1));
            int width = widthInTree(treeSize, level, tileIndex);

            byte[] tile = source.tile(level, tileIndex, width);
            if (tile == null || tile.length < width * MerkleHash.SIZE) {
                throw new IllegalStateException("tile " + new HashTilePath(level, tileIndex, width).path() + " has "
                        + (tile == null ? "no" : tile.length / MerkleHash.SIZE) + " hashes, expected " + width);
            }
            byte[][] row = new byte[hashCount][];
            for (int i = 0; i < hashCount; i++) {
                int from = (offset + i) * MerkleHash.SIZE;
                row[i] = Arrays.copyOfRange(tile, from, from + MerkleHash.SIZE);
            }
            for (int size = hashCount; size > 1; size /= 2) {
                for (int i = 0; i < size / 2; i++) {
                    row[i] = MerkleHash.node(row[2 * i], row[2 * i + 1]);
                }
            }
            return row[0];
        };
    }

    // Full if the whole tile lies inside the tree, else the partial width this tree size gives it.
    private static int widthInTree(long treeSize, int level, long tileIndex) {
        long hashesAtLevel = treeSize >>> (level * HEIGHT);
        return tileIndex < (hashesAtLevel >>> HEIGHT) ? WIDTH : (int) (hashesAtLevel & (WIDTH - 1));
    }

    private static void checkTreeSize(long treeSize) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must not be negative: " + treeSize);
        }
    }
}
