package uk.crcledger.eventstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the benchmarks report: a Markdown table on the console and a JSON file under target/bench/.
 * Numbers and booleans are written as JSON numbers and booleans, everything else as a JSON string
 * (a store label, a reason), so the file always parses.
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static void write(String name, Map<String, Object> results) throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        StringBuilder table = new StringBuilder("\n| measure | value |\n|---|---|\n");
        int i = 0;
        for (Map.Entry<String, Object> entry : results.entrySet()) {
            table.append("| ").append(entry.getKey()).append(" | ").append(display(entry.getValue())).append(" |\n");
            json.append("  ").append(quote(entry.getKey())).append(": ").append(jsonValue(entry.getValue()))
                    .append(++i < results.size() ? ",\n" : "\n");
        }
        System.out.println(table);
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve(name + ".json"), json.append("}\n"));
    }

    /** Events (or requests) per second since {@code startedNanos}. */
    public static long rate(long count, long startedNanos) {
        return Math.round(count / ((System.nanoTime() - startedNanos) / 1e9));
    }

    /**
     * {@code ours / limit} to three significant digits (0.6, 1.25, 0.000769); NaN (written as null)
     * when the limit is not positive.
     */
    public static double ratio(double ours, double limit) {
        if (!(limit > 0)) {
            return Double.NaN;
        }
        double ratio = ours / limit;
        if (ratio == 0) {
            return 0;
        }
        return new java.math.BigDecimal(ratio).round(new java.math.MathContext(3)).doubleValue();
    }

    /** The system load average over the last minute (-1 where the platform does not say). */
    public static double loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return Math.round(load * 100) / 100.0;
    }

    private static String display(Object value) {
        return value instanceof Double d && (d.isNaN() || d.isInfinite()) ? "-" : String.valueOf(value);
    }

    static String jsonValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.valueOf(d);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return quote(String.valueOf(value));
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
