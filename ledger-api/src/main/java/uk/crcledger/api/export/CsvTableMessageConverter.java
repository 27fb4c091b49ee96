package uk.crcledger.api.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link CsvTable} as {@code text/csv}: RFC 4180 (Commons CSV's {@link CSVFormat#RFC4180}: CRLF line
 * ends, a field holding a comma, quote, CR or LF quoted with quotes doubled), in UTF-8 with a byte-order mark,
 * because without one Excel reads a CSV file in the machine's legacy code page and garbles every non-ASCII
 * character (the "—", "£" and accented names in sources). A cell starting with {@code = + - @} (or a tab or
 * CR) gets a leading {@code '}, so a spreadsheet shows it as text instead of running it as a formula (CSV
 * injection). Only writes: imports read their CSV themselves ({@code api.imports}), with the same formula guard.
 */
public class CsvTableMessageConverter extends AbstractHttpMessageConverter<CsvTable> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv");
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** The first characters that make a spreadsheet read a cell as a formula. */
    public static final String FORMULA_STARTS = "=+-@\t\r";

    public CsvTableMessageConverter() {
        super(StandardCharsets.UTF_8, TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected CsvTable readInternal(Class<? extends CsvTable> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is only written, never read", input);
    }

    @Override
    protected void writeInternal(CsvTable table, HttpOutputMessage output) throws IOException {
        OutputStream body = output.getBody();
        body.write(BYTE_ORDER_MARK);
        Writer writer = new OutputStreamWriter(body, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        printer.printRecord(table.header());
        for (List<String> row : table.rows()) {
            printer.printRecord(row.stream().map(CsvTableMessageConverter::inert).toList());
        }
        printer.flush(); // not closed: the container owns the response stream
    }

    /** The cell as a spreadsheet shows it as text, never as a formula. */
    static String inert(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
