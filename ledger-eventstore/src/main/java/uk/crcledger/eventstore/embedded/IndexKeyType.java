package uk.crcledger.eventstore.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded server's unique indexes (the {@code _id} index above all): the same
 * stored format and the same order as H2's default, computed without Java serialization for the
 * keys this ledger uses.
 * <p>
 * Why: mongo-java-server keys its indexes by {@link KeyValue}, which is not {@link Comparable}, so
 * H2 orders two keys by serializing both with an {@code ObjectOutputStream} and comparing the bytes.
 * A lookup does that a dozen times down the tree; profiling a replay put about a third of the
 * server's time there.
 * <p>
 * Two one-value keys of the same kind serialize to the same bytes up to the value, so the byte order
 * is known: an ASCII string is written as its length (two bytes) then its characters, so shorter
 * strings come first, then character order; a non-negative double (the server turns every number
 * into one) is written as its big-endian bits, which sort like the numbers. Anything else (several
 * values, other characters, negative numbers, mixed kinds) is compared the default way.
 * {@code IndexKeyTypeTest} checks the two orders agree. The order is what H2 always used, so a data
 * file written with or without this type reads the same with either.
 */
final class IndexKeyType extends ObjectDataType {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a instanceof KeyValue ka && b instanceof KeyValue kb && ka.size() == 1 && kb.size() == 1) {
            Object va = ka.get(0);
            Object vb = kb.get(0);
            if (va instanceof String sa && vb instanceof String sb) {
                int order = compareAscii(sa, sb);
                if (order != NOT_ASCII) {
                    return order;
                }
            } else if (va instanceof Double da && vb instanceof Double db && isPlainNonNegative(da)
                    && isPlainNonNegative(db)) {
                return Integer.signum(Double.compare(da, db));
            }
        }
        return super.compare(a, b);
    }

    private static final int NOT_ASCII = Integer.MIN_VALUE;
    private static final int LONGEST_SHORT_STRING = 0xFFFF;

    /** The serialized order of two strings of characters 1 to 127, else {@link #NOT_ASCII}. */
    private static int compareAscii(String a, String b) {
        if (a.length() > LONGEST_SHORT_STRING || b.length() > LONGEST_SHORT_STRING || !isAscii(a) || !isAscii(b)) {
            return NOT_ASCII;
        }
        if (a.length() != b.length()) {
            return a.length() < b.length() ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainNonNegative(Double d) {
        // -0.0 has the sign bit set; the server normalises it to 0.0, but be exact regardless.
        return !d.isNaN() && Double.doubleToRawLongBits(d) >= 0;
    }
}
