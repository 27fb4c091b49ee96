package uk.crcledger.tlog.merkle;

/** Entry bundle {@code index}: entries 256*index .. 256*index+width-1. Width 256 is a full bundle. */
public record EntryBundlePath(long index, int width) implements TilePath {

    public EntryBundlePath {
        TilePaths.checkIndexAndWidth(index, width);
    }

    @Override
    public String path() {
        return TilePaths.encode("entries", index, width);
    }
}
