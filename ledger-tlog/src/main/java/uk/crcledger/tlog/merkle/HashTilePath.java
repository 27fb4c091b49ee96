package uk.crcledger.tlog.merkle;

/**
 * Hash tile {@code index} at {@code level}: the hashes of the nodes at height 8*level with indexes
 * 256*index .. 256*index+width-1. Width 256 is a full tile.
 */
public record HashTilePath(int level, long index, int width) implements TilePath {

    /** The highest level the spec allows in a path. */
    static final int MAX_LEVEL = 63;

    public HashTilePath {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level must be 0.." + MAX_LEVEL + ": " + level);
        }
        TilePaths.checkIndexAndWidth(index, width);
    }

    @Override
    public String path() {
        return TilePaths.encode(Integer.toString(level), index, width);
    }
}
