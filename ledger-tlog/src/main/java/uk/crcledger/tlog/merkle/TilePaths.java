package uk.crcledger.tlog.merkle;

import java.util.regex.Pattern;

/** The encoding shared by hash tiles and entry bundles. */
final class TilePaths {

    // Level: 0 or 1-2 digits without a leading zero (range checked after matching). Index: x-prefixed
    // three-digit groups, then a last group without x. Width: 1-3 digits without a leading zero.
    static final Pattern SHAPE = Pattern.compile(
            "tile/(?<level>entries|0|[1-9][0-9]?)/(?<index>(?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/(?<width>[1-9][0-9]{0,2}))?");

    private TilePaths() {
    }

    static String encode(String level, long index, int width) {
        StringBuilder path = new StringBuilder("tile/").append(level).append('/').append(encodeIndex(index));
        if (width < Tiles.WIDTH) {
            path.append(".p/").append(width);
        }
        return path.toString();
    }

    // 1234067 -> x001/x234/067: zero-padded three-digit groups, all but the last prefixed with x.
    static String encodeIndex(long index) {
        String digits = Long.toString(index);
        int padded = (digits.length() + 2) / 3 * 3;
        digits = "0".repeat(padded - digits.length()) + digits;
        StringBuilder encoded = new StringBuilder();
        for (int start = 0; start < padded; start += 3) {
            if (start > 0) {
                encoded.append('/');
            }
            if (start + 3 < padded) {
                encoded.append('x');
            }
            encoded.append(digits, start, start + 3);
        }
        return encoded.toString();
    }

    static void checkIndexAndWidth(long index, int width) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index must not be negative: " + index);
        }
        if (width < 1 || width > Tiles.WIDTH) {
            throw new IllegalArgumentException("tile width must be 1.." + Tiles.WIDTH + ": " + width);
        }
    }
}
