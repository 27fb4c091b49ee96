package uk.crcledger.entry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The fields a correction changes, as the API hands them over: plain JSON-like values (String for dates, enums and
 * ids; Number; List; Map for a source or a CRC item; null to clear an optional field). Typed values (a
 * {@link LocalDate}, a {@link Source}) are accepted too. Every reader takes the current value and returns it when
 * the field is not changed, so a details record builds its corrected version field by field; every parse error
 * names the field.
 */
public final class Changes {

    private final Map<String, Object> values;

    private Changes(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Checks the changed field names against those of the entry type.
     *
     * @param correctable     fields a correction may change
     * @param notCorrectable  fields that identify the entry's place in the ledger; changing them is a new entry
     */
    public static Changes of(EntryType type, Map<String, ?> changes, Set<String> correctable,
                             Set<String> notCorrectable) {
        if (changes == null || changes.isEmpty()) {
            throw new InvalidEntryException("a correction needs at least one changed field");
        }
        for (String field : changes.keySet()) {
            if (notCorrectable.contains(field)) {
                throw new InvalidEntryException("field '" + field + "' of a " + type
                        + " is not correctable: create a new entry and retract this one");
            }
            if (!correctable.contains(field)) {
                throw new InvalidEntryException("a " + type + " has no field '" + field + "' (correctable fields: "
                        + String.join(", ", new TreeSet<>(correctable)) + ")");
            }
        }
        return new Changes(Collections.unmodifiableMap(new LinkedHashMap<>(changes)));
    }

    /** The changed field names, in the order given. */
    public List<String> fieldNames() {
        return List.copyOf(values.keySet());
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public String text(String field, String current) {
        return has(field) ? readText(field, values.get(field)) : current;
    }

    public LocalDate date(String field, LocalDate current) {
        return has(field) ? readDate(field, values.get(field)) : current;
    }

    public BigDecimal decimal(String field, BigDecimal current) {
        return has(field) ? readDecimal(field, values.get(field)) : current;
    }

    public Posts posts(String field, Posts current) {
        return has(field) ? readPosts(field, values.get(field)) : current;
    }

    public Percentage percentage(String field, Percentage current) {
        return has(field) ? readPercentage(field, values.get(field)) : current;
    }

    public Boolean bool(String field, Boolean current) {
        return has(field) ? readBoolean(field, values.get(field)) : current;
    }

    public <E extends Enum<E>> E enumValue(Class<E> type, String field, E current) {
        return has(field) ? readEnum(type, field, values.get(field)) : current;
    }

    /** An id given as its string form, parsed by {@code parse} (whose message is kept). */
    public <T> T id(String field, Class<T> type, Function<String, T> parse, T current) {
        return has(field) ? readId(field, values.get(field), type, parse) : current;
    }

    /** A list whose items are read by {@code item(path, raw)}; null clears it to an empty list. */
    public <T> List<T> list(String field, BiFunction<String, Object, T> item, List<T> current) {
        return has(field) ? readList(field, values.get(field), item) : current;
    }

    public List<Source> sources(List<Source> current) {
        return list("sources", Changes::readSource, current);
    }

    // ---- readers for single values, public so details records can read nested items (a CRC item of a job cut)

    public static String readText(String path, Object raw) {
        if (raw == null || raw instanceof String) {
            return (String) raw;
        }
        throw wrongType(path, "text", raw);
    }

    public static LocalDate readDate(String path, Object raw) {
        if (raw == null || raw instanceof LocalDate) {
            return (LocalDate) raw;
        }
        if (raw instanceof String text) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidEntryException(
                        "field '" + path + "': expected a date like 2016-01-20, got '" + text + "'");
            }
        }
        throw wrongType(path, "a date like 2016-01-20", raw);
    }

    public static BigDecimal readDecimal(String path, Object raw) {
        if (raw == null || raw instanceof BigDecimal) {
            return (BigDecimal) raw;
        }
        if (raw instanceof Number || raw instanceof String) {
            try {
                return new BigDecimal(raw.toString().strip());
            } catch (NumberFormatException e) {
                throw new InvalidEntryException("field '" + path + "': expected a number, got '" + raw + "'");
            }
        }
        throw wrongType(path, "a number", raw);
    }

    public static Posts readPosts(String path, Object raw) {
        if (raw == null || raw instanceof Posts) {
            return (Posts) raw;
        }
        BigDecimal value = readDecimal(path, raw);
        try {
            return new Posts(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException("field '" + path + "': " + e.getMessage());
        }
    }

    public static Percentage readPercentage(String path, Object raw) {
        if (raw == null || raw instanceof Percentage) {
            return (Percentage) raw;
        }
        BigDecimal value = readDecimal(path, raw);
        try {
            return new Percentage(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException("field '" + path + "': " + e.getMessage());
        }
    }

    public static Boolean readBoolean(String path, Object raw) {
        if (raw == null || raw instanceof Boolean) {
            return (Boolean) raw;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.valueOf((String) raw);
        }
        throw wrongType(path, "true or false", raw);
    }

    public static <E extends Enum<E>> E readEnum(Class<E> type, String path, Object raw) {
        if (raw == null || type.isInstance(raw)) {
            return type.cast(raw);
        }
        if (raw instanceof String text) {
            return JsonNames.parse(type, text.strip()).orElseThrow(() -> new InvalidEntryException(
                    "field '" + path + "': expected one of " + JsonNames.all(type) + ", got '" + text + "'"));
        }
        throw wrongType(path, "one of " + JsonNames.all(type), raw);
    }

    public static <T> T readId(String path, Object raw, Class<T> type, Function<String, T> parse) {
        if (raw == null || type.isInstance(raw)) {
            return type.cast(raw);
        }
        if (raw instanceof String text) {
            try {
                return parse.apply(text.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidEntryException("field '" + path + "': " + e.getMessage());
            }
        }
        throw wrongType(path, "an id", raw);
    }

    public static <T> List<T> readList(String path, Object raw, BiFunction<String, Object, T> item) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw wrongType(path, "a list", raw);
        }
        List<T> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (list.get(i) == null) {
                throw new InvalidEntryException("field '" + itemPath + "' is empty");
            }
            items.add(item.apply(itemPath, list.get(i)));
        }
        return List.copyOf(items);
    }

    /**
     * Reads an object given as a map, rejecting keys it does not know; typed objects are returned by the caller
     * before calling this.
     */
    public static Map<String, Object> readObject(String path, Object raw, Set<String> keys) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw wrongType(path, "an object with fields " + String.join(", ", keys), raw);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!keys.contains(key)) {
                throw new InvalidEntryException("field '" + path + "' has no field '" + key + "' (fields: "
                        + String.join(", ", keys) + ")");
            }
            fields.put(key, entry.getValue());
        }
        return fields;
    }

    public static Source readSource(String path, Object raw) {
        if (raw instanceof Source source) {
            return source;
        }
        Map<String, Object> fields = readObject(path, raw,
                new java.util.LinkedHashSet<>(List.of("title", "publisher", "url", "documentReference", "publishedOn")));
        String title = readText(path + ".title", fields.get("title"));
        String publisher = readText(path + ".publisher", fields.get("publisher"));
        String url = readText(path + ".url", fields.get("url"));
        String reference = readText(path + ".documentReference", fields.get("documentReference"));
        LocalDate publishedOn = readDate(path + ".publishedOn", fields.get("publishedOn"));
        try {
            return new Source(title, publisher, url, reference, publishedOn);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException("field '" + path + "': " + e.getMessage());
        }
    }

    private static InvalidEntryException wrongType(String path, String expected, Object raw) {
        return new InvalidEntryException("field '" + path + "': expected " + expected + ", got " + describe(raw));
    }

    private static String describe(Object raw) {
        return raw instanceof String ? "'" + raw + "'" : raw + " (" + raw.getClass().getSimpleName() + ")";
    }
}
