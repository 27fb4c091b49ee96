package uk.crcledger.api.export;

import java.util.List;

/**
 * A table to answer as {@code text/csv}: a header and rows of text, written by {@link CsvTableMessageConverter}.
 */
public record CsvTable(List<String> header, List<List<String>> rows) {

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }
}
