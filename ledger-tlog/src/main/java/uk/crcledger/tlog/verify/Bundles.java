package uk.crcledger.tlog.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads entry bundles and payload bundles leniently: the entries that decode, then where and why
 * decoding stopped, so that a damaged bundle is reported at the first position it fails to hold.
 */
final class Bundles {

    /** The length a payload bundle gives a withheld payload. */
    static final long WITHHELD = 0xFFFFFFFFL;

    private Bundles() {
    }

    /**
     * @param entries the entries read, in order ({@code null} for a withheld payload)
     * @param problem why reading stopped before the end, or null if the bytes were used up exactly
     */
    record Decoded(List<byte[]> entries, String problem) {
    }

    /** An entry bundle of c2sp.org/tlog-tiles: per entry a big-endian uint16 length then the bytes. */
    static Decoded entries(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (bundle.length - at < 2) {
                return new Decoded(entries, "the bundle ends inside the length of leaf " + (entries.size() + 1));
            }
            int length = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
            at += 2;
            if (bundle.length - at < length) {
                return new Decoded(entries, "the bundle ends inside leaf " + (entries.size() + 1) + " (" + length
                        + " bytes announced, " + (bundle.length - at) + " left)");
            }
            entries.add(java.util.Arrays.copyOfRange(bundle, at, at + length));
            at += length;
        }
        return new Decoded(entries, null);
    }

    /** A payload bundle: per position a big-endian uint32 length then the bytes, or 0xFFFFFFFF alone when withheld. */
    static Decoded payloads(byte[] bundle) {
        List<byte[]> payloads = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (bundle.length - at < 4) {
                return new Decoded(payloads, "the bundle ends inside the length of payload " + (payloads.size() + 1));
            }
            long length = ((bundle[at] & 0xFFL) << 24) | ((bundle[at + 1] & 0xFFL) << 16)
                    | ((bundle[at + 2] & 0xFFL) << 8) | (bundle[at + 3] & 0xFFL);
            at += 4;
            if (length == WITHHELD) {
                payloads.add(null);
                continue;
            }
            if (bundle.length - at < length) {
                return new Decoded(payloads, "the bundle ends inside payload " + (payloads.size() + 1) + " (" + length
                        + " bytes announced, " + (bundle.length - at) + " left)");
            }
            payloads.add(java.util.Arrays.copyOfRange(bundle, at, at + (int) length));
            at += (int) length;
        }
        return new Decoded(payloads, null);
    }
}
