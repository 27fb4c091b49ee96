package uk.crcledger.tlog.merkle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON to read the vendored test vectors (objects, arrays, strings without escapes,
 * integers, booleans, null), so the tests need no JSON library.
 */
final class MiniJson {

    private final String text;
    private int position;

    private MiniJson(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        MiniJson parser = new MiniJson(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.position != text.length()) {
            throw parser.error("trailing text");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(position);
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == '"') {
            return string();
        }
        if (text.startsWith("null", position)) {
            position += 4;
            return null;
        }
        if (text.startsWith("true", position)) {
            position += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", position)) {
            position += 5;
            return Boolean.FALSE;
        }
        int start = position;
        while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '-')) {
            position++;
        }
        if (start == position) {
            throw error("unexpected character");
        }
        // BigInteger because the vectors hold uint64 values beyond Long.MAX_VALUE.
        return new BigInteger(text.substring(start, position));
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        skipSpace();
        if (text.charAt(position) == '}') {
            position++;
            return object;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            object.put(key, value());
            skipSpace();
            if (text.charAt(position) == '}') {
                position++;
                return object;
            }
            expect(',');
        }
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        position++;
        skipSpace();
        if (text.charAt(position) == ']') {
            position++;
            return array;
        }
        while (true) {
            array.add(value());
            skipSpace();
            if (text.charAt(position) == ']') {
                position++;
                return array;
            }
            expect(',');
        }
    }

    private String string() {
        expect('"');
        int end = text.indexOf('"', position);
        String value = text.substring(position, end);
        if (value.indexOf('\\') >= 0) {
            throw error("escapes are not supported");
        }
        position = end + 1;
        return value;
    }

    private void expect(char c) {
        if (text.charAt(position) != c) {
            throw error("expected " + c);
        }
        position++;
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at " + position);
    }
}
