package uk.crcledger.api.imports;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import uk.crcledger.api.entry.EntryCommands;
import uk.crcledger.api.export.CsvTableMessageConverter;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.seed.SeedEntry;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.JsonNames;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.LedgerRuleException;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the rows of a file into the commands that record them, and everything wrong with them, without recording
 * anything. A row becomes the recording body of its {@code type} (fields from the {@link Columns}), checked with the
 * same Bean Validation as a JSON POST, turned into the command by {@link EntryCommands}, and checked by the core as far
 * as it can without recording: the entry's own rules ({@code EntryDetails.check}: sources, dates not in the future,
 * dates that belong together) and that the CRCs and provider it names are registered. Who held a CRC on a day is
 * checked when the row is recorded, as it may depend on rows above it.
 */
@Component
class RowReader {

    /** A cell a spreadsheet would run: starts with = + - @ (or tab or CR) and is not a plain number. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final int ID_HASH_HEX_DIGITS = 16;
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private final Validator validator;
    private final ContractRegister register;

    RowReader(Validator validator, ContractRegister register) {
        this.validator = validator;
        this.register = register;
    }

    /** What one pass over a file found: the rows ready to record, and every problem. */
    record Reading(List<ImportRow> rows, List<RowProblem> problems) {
    }

    Reading read(CsvFile file) {
        List<RowProblem> problems = new ArrayList<>();
        List<ImportRow> rows = new ArrayList<>();
        if (file.header().isEmpty() || file.header().stream().allMatch(String::isBlank)) {
            problems.add(new RowProblem(1, null, "the file is empty: its first row must be the header, naming "
                    + "the columns (" + Columns.TYPE + " and the entry type's fields)"));
            return new Reading(rows, problems);
        }
        problems.addAll(headerProblems(file.header()));
        if (problems.isEmpty()) {
            Lookups lookups = new Lookups();
            Map<EntryId, Integer> seen = new HashMap<>();
            for (CsvFile.Row row : file.rows()) {
                List<RowProblem> found = new ArrayList<>();
                ImportRow read = read(file.header(), row, found, lookups);
                if (read != null) {
                    Integer earlier = seen.putIfAbsent(read.entryId(), row.number());
                    if (earlier != null) {
                        found.add(new RowProblem(row.number(), null, "the same entry as row " + earlier
                                + ": it would be recorded once"));
                    } else {
                        rows.add(read);
                    }
                }
                problems.addAll(found);
            }
        }
        if (file.unreadable() != null) {
            problems.add(file.unreadable());
        }
        if (file.rows().isEmpty() && file.unreadable() == null && problems.isEmpty()) {
            problems.add(new RowProblem(2, null, "the file has a header but no rows to record"));
        }
        return new Reading(rows, problems);
    }

    private static List<RowProblem> headerProblems(List<String> header) {
        List<RowProblem> problems = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (column.isBlank()) {
                problems.add(new RowProblem(1, null, "column " + (i + 1) + " has no name"));
            } else if (!Columns.all().contains(column)) {
                problems.add(new RowProblem(1, column, "unknown column '" + column + "'; the columns are "
                        + String.join(", ", Columns.all())));
            }
        }
        if (!header.contains(Columns.TYPE)) {
            problems.add(new RowProblem(1, Columns.TYPE, "the header has no '" + Columns.TYPE
                    + "' column, which says what each row records: one of " + JsonNames.all(EntryType.class)));
        }
        return problems;
    }

    private ImportRow read(List<String> header, CsvFile.Row row, List<RowProblem> problems, Lookups lookups) {
        int number = row.number();
        if (row.cells().size() != header.size()) {
            problems.add(new RowProblem(number, null, "the row has " + row.cells().size() + " cells but the header has "
                    + header.size() + " columns"));
            return null;
        }
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = cell(number, header.get(i), row.cells().get(i), problems);
            if (value != null) {
                cells.put(header.get(i), value);
            }
        }
        String typeName = cells.remove(Columns.TYPE);
        Optional<EntryType> type = typeName == null ? Optional.empty() : JsonNames.parse(EntryType.class, typeName);
        if (type.isEmpty()) {
            problems.add(new RowProblem(number, Columns.TYPE, (typeName == null ? "the type is missing"
                    : "unknown type '" + typeName + "'") + "; one of " + JsonNames.all(EntryType.class)));
            return null;
        }
        Record body = body(number, type.get(), cells, problems);
        if (body == null || !problems.isEmpty()) {
            return null;
        }
        for (ConstraintViolation<Record> violation : validator.validate(body)) {
            String path = violation.getPropertyPath().toString();
            problems.add(new RowProblem(number, Columns.columnOf(type.get(), path), item(path)
                    + violation.getMessage()));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            EntryId id = entryId(type.get(), body);
            SeedEntry entry = SeedEntry.of(EntryCommands.command(id, body));
            entry.details().check(LedgerClock.today());
            for (CrcId crc : entry.details().crcIds()) {
                if (!lookups.crcExists(crc)) {
                    problems.add(new RowProblem(number, crcColumn(type.get()), "unknown CRC " + crc));
                }
            }
            entry.details().namedProvider().filter(p -> !lookups.providerExists(p)).ifPresent(p ->
                    problems.add(new RowProblem(number, "providerId", "unknown provider " + p)));
            return problems.isEmpty() ? new ImportRow(number, id, entry.details(), entry.command()) : null;
        } catch (BadRequest e) {
            problems.add(new RowProblem(number, Columns.columnOf(type.get(), e.field()), e.getMessage()));
        } catch (LedgerRuleException e) {
            problems.add(new RowProblem(number, fieldNamedBy(type.get(), e.getMessage()), e.getMessage()));
        }
        return null;
    }

    /** The cell's value, stripped, or null when empty; a formula is a problem (CSV injection), not a value. */
    private static String cell(int row, String column, String raw, List<RowProblem> problems) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        String starts = CsvTableMessageConverter.FORMULA_STARTS;
        if (value.length() > 1 && value.charAt(0) == '\'' && starts.indexOf(value.charAt(1)) >= 0) {
            return value.substring(1); // the export's guard: text that only looks like a formula
        }
        if (starts.indexOf(value.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(value).matches()) {
            problems.add(new RowProblem(row, column, "'" + abbreviated(value) + "' would run as a spreadsheet formula; "
                    + "the import takes no formulas (start the text with ' to keep it as text)"));
            return null;
        }
        return value;
    }

    /** The body of {@code type} from the row's cells; a cell of another type's column is a problem. */
    private static Record body(int row, EntryType type, Map<String, String> cells, List<RowProblem> problems) {
        List<Columns.Field> fields = Columns.of(type);
        Set<String> used = new java.util.HashSet<>();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Columns.Field field = fields.get(i);
            used.addAll(field.columns());
            values[i] = switch (field.shape()) {
                case VALUE -> value(row, field.name(), field.component().getType(), cells.get(field.name()), problems);
                case LIST_OF_VALUES -> split(cells.get(field.name()), Columns.LIST_SEPARATOR).stream()
                        .map(v -> value(row, field.name(), field.itemType(), v, problems)).toList();
                case LIST_OF_OBJECTS -> objects(row, field, cells, problems);
            };
        }
        cells.forEach((column, value) -> {
            if (!used.contains(column) && !Columns.exportOnly(column)) {
                problems.add(new RowProblem(row, column, column + " is not a field of " + type
                        + "; leave it empty in this row"));
            }
        });
        return problems.isEmpty() ? construct(fields.get(0).component().getDeclaringRecord(), values) : null;
    }

    /** A list of objects: the n-th value of each of its columns makes the n-th object. */
    private static List<Object> objects(int row, Columns.Field field, Map<String, String> cells,
                                        List<RowProblem> problems) {
        RecordComponent[] components = field.itemType().getRecordComponents();
        List<List<String>> columns = new ArrayList<>();
        int items = 0;
        for (RecordComponent component : components) {
            List<String> parts = Arrays.stream(
                    Optional.ofNullable(cells.get(field.name() + "." + component.getName())).orElse("")
                            .split(Pattern.quote(Columns.ITEM_SEPARATOR), -1)).map(String::strip).toList();
            if (parts.size() == 1 && parts.get(0).isEmpty()) {
                parts = List.of();
            }
            columns.add(parts);
            items = Math.max(items, parts.size());
        }
        List<Object> objects = new ArrayList<>();
        for (int n = 0; n < items; n++) {
            Object[] values = new Object[components.length];
            for (int c = 0; c < components.length; c++) {
                List<String> parts = columns.get(c);
                String part = n < parts.size() && !parts.get(n).isEmpty() ? parts.get(n) : null;
                values[c] = value(row, field.name() + "." + components[c].getName(), components[c].getType(), part,
                        problems);
            }
            objects.add(construct(field.itemType(), values));
        }
        return objects;
    }

    private static Object value(int row, String column, Class<?> type, String text, List<RowProblem> problems) {
        if (text == null) {
            return null;
        }
        try {
            if (type == String.class) {
                return text;
            } else if (type == LocalDate.class) {
                return LocalDate.parse(text);
            } else if (type == BigDecimal.class) {
                return new BigDecimal(text);
            } else if (type == Boolean.class) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.valueOf(text);
            }
        } catch (DateTimeParseException e) {
            problems.add(new RowProblem(row, column, "'" + abbreviated(text) + "' is not a date as YYYY-MM-DD"));
            return null;
        } catch (IllegalArgumentException e) {
            problems.add(new RowProblem(row, column, "'" + abbreviated(text) + "' is not "
                    + (type == Boolean.class ? "true or false" : "a number (digits, a point, no thousands separator)")));
            return null;
        }
        throw new IllegalStateException("a recording body has a field of type " + type + ", which the import "
                + "cannot read from a cell");
    }

    private static Record construct(Class<?> recordClass, Object[] values) {
        RecordComponent[] components = recordClass.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = recordClass.getDeclaredConstructor(types);
            return (Record) constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + recordClass.getSimpleName(), e);
        }
    }

    private static List<String> split(String cell, String separator) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split(Pattern.quote(separator))).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * The entry id of a row: its kind and day, to read, and the start of the SHA-256 of its type and body as
     * canonical JSON, so the same row (whatever its column order, spacing or the export's columns) is the same
     * entry, and recording it again is refused by the entry directory.
     */
    static EntryId entryId(EntryType type, Record body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((type.jsonName() + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest(CANONICAL.writeValueAsBytes(body));
            return EntryId.of(EntryCommands.readablePrefix(body) + "-"
                    + HexFormat.of().formatHex(digest).substring(0, ID_HASH_HEX_DIGITS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crcColumn(EntryType type) {
        return Columns.of(type).stream().flatMap(f -> f.columns().stream())
                .filter(c -> c.equals("crcId") || c.equals("crcIds") || c.equals("crcs.crcId")).findFirst()
                .orElse(null);
    }

    /** The column a rule's message starts with (the core names fields so: "announcedOn 2030-01-01 is ..."). */
    private static String fieldNamedBy(EntryType type, String message) {
        String first = message == null ? "" : message.split("[ :]", 2)[0];
        return first.isEmpty() ? null : Columns.columnOf(type, first);
    }

    private static String item(String path) {
        java.util.regex.Matcher index = Pattern.compile("\\[(\\d+)]").matcher(path);
        return index.find() ? "item " + (Integer.parseInt(index.group(1)) + 1) + ": " : "";
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /**
     * Whether CRCs and providers are registered, asked of the core's register once per file and id. The register
     * loads aggregates, which Axon does inside a unit of work; nothing is changed in it.
     */
    private final class Lookups {
        private final Map<CrcId, Boolean> crcs = new HashMap<>();
        private final Map<ProviderId, Boolean> providers = new HashMap<>();

        boolean crcExists(CrcId id) {
            return crcs.computeIfAbsent(id, c -> inUnitOfWork(() -> register.crcExists(c)));
        }

        boolean providerExists(ProviderId id) {
            return providers.computeIfAbsent(id, p -> inUnitOfWork(() -> register.providerExists(p)));
        }

        private boolean inUnitOfWork(java.util.function.Supplier<Boolean> question) {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                return question.get();
            } finally {
                unitOfWork.rollback();
            }
        }
    }
}
