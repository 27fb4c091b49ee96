package uk.crcledger.tlog.merkle;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Entry bundles of c2sp.org/tlog-tiles: each entry as a big-endian uint16 length followed by its bytes. */
public final class EntryBundles {

    /** The largest entry a uint16 length prefix can describe. */
    static final int MAX_ENTRY_SIZE = 0xFFFF;

    private EntryBundles() {
    }

    public static byte[] encode(List<byte[]> entries) {
        Objects.requireNonNull(entries, "entries");
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        for (int i = 0; i < entries.size(); i++) {
            byte[] entry = Objects.requireNonNull(entries.get(i), "entry");
            if (entry.length > MAX_ENTRY_SIZE) {
                throw new IllegalArgumentException("entry " + i + " has " + entry.length + " bytes, more than the "
                        + MAX_ENTRY_SIZE + " a bundle can hold");
            }
            bundle.write(entry.length >>> 8);
            bundle.write(entry.length & 0xFF);
            bundle.write(entry, 0, entry.length);
        }
        return bundle.toByteArray();
    }

    public static List<byte[]> decode(byte[] bundle) {
        Objects.requireNonNull(bundle, "bundle");
        List<byte[]> entries = new ArrayList<>();
        int position = 0;
        while (position < bundle.length) {
            if (bundle.length - position < 2) {
                throw new IllegalArgumentException("bundle truncated in the length of entry " + entries.size()
                        + " at byte " + position);
            }
            int length = ((bundle[position] & 0xFF) << 8) | (bundle[position + 1] & 0xFF);
            position += 2;
            if (bundle.length - position < length) {
                throw new IllegalArgumentException("bundle truncated in entry " + entries.size() + ": " + length
                        + " bytes announced, " + (bundle.length - position) + " left");
            }
            byte[] entry = new byte[length];
            System.arraycopy(bundle, position, entry, 0, length);
            entries.add(entry);
            position += length;
        }
        return entries;
    }
}
