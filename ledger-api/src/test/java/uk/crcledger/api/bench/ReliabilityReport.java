package uk.crcledger.api.bench;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the reliability benchmarks report, like the other modules' benchmarks: Markdown tables on the
 * console and the results as JSON in {@code target/bench/<name>.json} (relative to the module).
 */
final class ReliabilityReport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReliabilityReport() {
    }

    /** Prints {@code results} as a two-column table and writes them to {@code target/bench/<name>.json}. */
    static Path write(String name, Map<String, Object> results) {
        System.out.printf("%n%s%n| measure | value |%n|---|---|%n", name);
        results.forEach((key, value) -> System.out.printf("| %s | %s |%n", key, value));
        Path out = Path.of("target", "bench");
        try {
            Files.createDirectories(out);
            Path file = out.resolve(name + ".json");
            Files.writeString(file, JSON.writeValueAsString(results) + "\n");
            System.out.println("written to " + file.toAbsolutePath());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a Markdown table. */
    static void table(List<String> headers, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("\n| ").append(String.join(" | ", headers)).append(" |\n|");
        out.append("---|".repeat(headers.size())).append('\n');
        for (List<Object> row : rows) {
            out.append("| ");
            for (int i = 0; i < row.size(); i++) {
                out.append(row.get(i)).append(i + 1 < row.size() ? " | " : " |\n");
            }
        }
        System.out.print(out);
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
