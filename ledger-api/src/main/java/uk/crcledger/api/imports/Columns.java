package uk.crcledger.api.imports;

import uk.crcledger.api.entry.EntryCommands;
import uk.crcledger.api.export.CsvTimeline;
import uk.crcledger.entry.EntryType;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns an import file may have, read off the recording bodies ({@link EntryCommands#bodies()}), so a field
 * added to a body is a column with no line here: {@value #TYPE} chooses the body; a plain field is the column of its
 * name ({@code providerId}); a list of ids is one column, its values separated by {@value #LIST_SEPARATOR}
 * ({@code crcIds}); a list of objects is a column per field of the object ({@code sources.title},
 * {@code crcs.posts}), the n-th values of each separated by {@value #ITEM_SEPARATOR} making the n-th object. The
 * export's own columns ({@link CsvTimeline#HEADER}) are taken and ignored where no body has them (the ledger makes
 * them: {@code entryId}, {@code status}, {@code recordedAt}, ...), so an exported file's columns are no error.
 */
final class Columns {

    static final String TYPE = "type";
    static final String LIST_SEPARATOR = ";";
    static final String ITEM_SEPARATOR = "|";

    /** How a body's field is spread over columns. */
    enum Shape { VALUE, LIST_OF_VALUES, LIST_OF_OBJECTS }

    /** A field of a body: its component, shape and, for a list of objects, the object's record class. */
    record Field(RecordComponent component, Shape shape, Class<?> itemType) {

        String name() {
            return component.getName();
        }

        /** The columns this field reads, e.g. {@code sources.title, sources.url, ...}. */
        List<String> columns() {
            if (shape != Shape.LIST_OF_OBJECTS) {
                return List.of(name());
            }
            return Arrays.stream(itemType.getRecordComponents()).map(c -> name() + "." + c.getName()).toList();
        }
    }

    private static final Map<EntryType, List<Field>> FIELDS;
    private static final Set<String> ALL;
    private static final Set<String> EXPORT_ONLY;

    static {
        Map<EntryType, List<Field>> fields = new EnumMap<>(EntryType.class);
        Set<String> all = new LinkedHashSet<>(List.of(TYPE));
        EntryCommands.bodies().forEach((type, body) -> {
            List<Field> list = new ArrayList<>();
            for (RecordComponent component : body.getRecordComponents()) {
                Field field = fieldOf(component);
                list.add(field);
                all.addAll(field.columns());
            }
            fields.put(type, List.copyOf(list));
        });
        Set<String> exportOnly = new LinkedHashSet<>(Arrays.asList(CsvTimeline.HEADER.split(",")));
        exportOnly.removeAll(all);
        all.addAll(exportOnly);
        FIELDS = Collections.unmodifiableMap(fields);
        ALL = Collections.unmodifiableSet(all);
        EXPORT_ONLY = Collections.unmodifiableSet(exportOnly);
    }

    private Columns() {
    }

    /** The fields of the body that records {@code type}. */
    static List<Field> of(EntryType type) {
        return FIELDS.get(type);
    }

    /** Every column a file may have, {@value #TYPE} first. */
    static Set<String> all() {
        return ALL;
    }

    /** The export's columns that no body has: taken, and ignored. */
    static boolean exportOnly(String column) {
        return EXPORT_ONLY.contains(column);
    }

    /**
     * The column a body's property path is read from: {@code sources[0].title} is {@code sources.title}; a list of
     * objects as a whole ({@code sources}) is its first column.
     */
    static String columnOf(EntryType type, String path) {
        String column = path.replaceAll("\\[\\d+]", "");
        for (Field field : of(type)) {
            if (field.columns().contains(column)) {
                return column;
            }
            if (field.name().equals(column)) {
                return field.columns().get(0);
            }
        }
        return null;
    }

    private static Field fieldOf(RecordComponent component) {
        if (List.class.isAssignableFrom(component.getType())) {
            Type item = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            Class<?> itemType = rawClass(item);
            return itemType.isRecord() ? new Field(component, Shape.LIST_OF_OBJECTS, itemType)
                    : new Field(component, Shape.LIST_OF_VALUES, itemType);
        }
        return new Field(component, Shape.VALUE, component.getType());
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("a recording body's list holds " + type + ", not a class");
    }
}
