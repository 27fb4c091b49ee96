package uk.crcledger.tlog.merkle;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The path of a tile or entry bundle as c2sp.org/tlog-tiles names it, relative to the log's prefix:
 * {@code tile/<L>/<N>[.p/<W>]} or {@code tile/entries/<N>[.p/<W>]}.
 */
public sealed interface TilePath permits HashTilePath, EntryBundlePath {

    /** The canonical path, e.g. {@code tile/0/x001/234.p/5} or {@code tile/entries/x001/234}. */
    String path();

    /**
     * Parses exactly the canonical encodings {@link #path()} produces. Anything else is empty rather
     * than normalised: two spellings of one tile would be two cache entries and two files on disk.
     */
    static Optional<TilePath> parse(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher matcher = TilePaths.SHAPE.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String groups = matcher.group("index");
        // A leading x000 group would be a leading zero: the canonical form of a small index has fewer groups.
        if (groups.startsWith("x000/")) {
            return Optional.empty();
        }
        long index = 0;
        try {
            for (String group : groups.split("/")) {
                String digits = group.startsWith("x") ? group.substring(1) : group;
                index = Math.addExact(Math.multiplyExact(index, 1000L), Integer.parseInt(digits));
            }
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
        int width = Tiles.WIDTH;
        String widthText = matcher.group("width");
        if (widthText != null) {
            width = Integer.parseInt(widthText);
            if (width > Tiles.WIDTH - 1) {
                return Optional.empty();
            }
        }
        String level = matcher.group("level");
        if (level.equals("entries")) {
            return Optional.of(new EntryBundlePath(index, width));
        }
        int levelNumber = Integer.parseInt(level);
        if (levelNumber > HashTilePath.MAX_LEVEL) {
            return Optional.empty();
        }
        return Optional.of(new HashTilePath(levelNumber, index, width));
    }
}
