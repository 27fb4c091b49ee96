package uk.crcledger.eventstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** How the benchmarks report: a Markdown table on the console and a JSON file under target/bench/. */
public final class BenchReport {

    private BenchReport() {
    }

    public static void write(String name, Map<String, Object> results) throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        System.out.println("\n| measure | value |\n|---|---|");
        int i = 0;
        for (Map.Entry<String, Object> entry : results.entrySet()) {
            System.out.printf("| %s | %s |%n", entry.getKey(), entry.getValue());
            json.append("  \"").append(entry.getKey()).append("\": ").append(entry.getValue())
                    .append(++i < results.size() ? ",\n" : "\n");
        }
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve(name + ".json"), json.append("}\n"));
    }

    /** Events (or requests) per second since {@code startedNanos}. */
    public static long rate(long count, long startedNanos) {
        return Math.round(count / ((System.nanoTime() - startedNanos) / 1e9));
    }
}
