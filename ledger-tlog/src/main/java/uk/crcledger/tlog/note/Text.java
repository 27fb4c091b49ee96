package uk.crcledger.tlog.note;

import java.util.Base64;

/** Rules shared by the note formats; package-private so the public API stays the spec's. */
final class Text {
    private Text() {}

    /**
     * c2sp.org/signed-note: "Key names MUST be non-empty and MUST NOT contain any Unicode spaces or
     * plus (U+002B) characters." Go's isValidName uses unicode.IsSpace, which is the Z categories
     * (Character.isSpaceChar) plus the ASCII whitespace controls and U+0085; we match that set, and
     * also refuse lone surrogates because such a name has no UTF-8 encoding.
     */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || !isUtf8Safe(name)) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || isUnicodeSpace(cp));
    }

    private static boolean isUnicodeSpace(int cp) {
        return Character.isSpaceChar(cp)
                || cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r' || cp == 0x85;
    }

    /** True when every char is part of a well-formed UTF-16 sequence, i.e. the string encodes to UTF-8. */
    static boolean isUtf8Safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * c2sp.org/signed-note: "Signed notes MUST be valid UTF-8 and MUST NOT contain any ASCII control
     * characters (those below U+0020) other than newline." Same check as Go's note.Open.
     */
    static boolean isNoteSafe(String s) {
        if (!isUtf8Safe(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * Standard (RFC 4648 section 4) base64, padded, and canonical: the JDK decoder accepts missing
     * padding and ignores non-zero trailing bits, so we insist that re-encoding gives the input back.
     * Anything we accept then has exactly one spelling, which keeps parse/encode byte-for-byte.
     */
    static byte[] decodeBase64(String s) {
        byte[] out;
        try {
            out = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base64: " + e.getMessage(), e);
        }
        if (!Base64.getEncoder().encodeToString(out).equals(s)) {
            throw new IllegalArgumentException("non-canonical base64");
        }
        return out;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
