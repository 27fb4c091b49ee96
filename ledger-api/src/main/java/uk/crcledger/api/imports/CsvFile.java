package uk.crcledger.api.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An uploaded file read as CSV (RFC 4180, Commons CSV): UTF-8 only, with or without a byte-order mark, decoded
 * strictly (a byte that is not UTF-8 refuses the file, naming its line, rather than turning into "?"), the first
 * row its header, blank lines skipped. A file that is binary (a NUL or another control character) or in another
 * encoding is refused whole (415), as is one with more than the allowed rows (413): parsing stops at the first row
 * over the limit.
 *
 * @param rows the rows below the header, each with its number as a spreadsheet shows it (header = 1)
 */
record CsvFile(List<String> header, List<Row> rows, RowProblem unreadable) {

    /** One row: its number as a spreadsheet shows it, and its cells in the header's order. */
    record Row(int number, List<String> cells) {
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(true)
            .setIgnoreEmptyLines(true)
            .get();

    /** Reads the file; an empty file has no header and no rows. */
    static CsvFile read(byte[] bytes, int maxRows) {
        String text = decode(bytes);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = parser.getHeaderNames().stream().map(String::strip).toList();
            int line = 1;
            try {
                for (CSVRecord record : parser) {
                    if (rows.size() == maxRows) {
                        throw new ImportRefused(HttpStatus.CONTENT_TOO_LARGE, "Too many rows",
                                "The file has more than " + maxRows + " rows below its header; an import takes at most "
                                        + maxRows + ": split it into several files");
                    }
                    line = (int) record.getRecordNumber() + 1;
                    rows.add(new Row(line, record.toList()));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                return new CsvFile(header, rows, new RowProblem(line + 1, null,
                        "the row cannot be read as CSV (" + e.getMessage() + "); nothing after it was read"));
            }
            return new CsvFile(header, rows, null);
        } catch (IllegalArgumentException e) {
            return new CsvFile(List.of(), List.of(), new RowProblem(1, null,
                    "the header cannot be read: " + e.getMessage()));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return new CsvFile(List.of(), List.of(), new RowProblem(1, null,
                    "the header cannot be read as CSV: " + e.getMessage()));
        }
    }

    /** The bytes as UTF-8 text without its byte-order mark, or a refusal saying what the bytes are instead. */
    static String decode(byte[] bytes) {
        int start = bytes.length >= UTF8_BOM.length
                && Arrays.equals(bytes, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length) ? UTF8_BOM.length : 0;
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw notUtf8("The file is UTF-16 (it starts with a UTF-16 byte-order mark)");
        }
        for (int i = start; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\r' && b != '\n' || b == 0x7F) {
                throw new ImportRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not a CSV text file",
                        "The file holds a control byte 0x" + String.format("%02X", b) + " on line " + lineAt(bytes, i)
                                + ": it is binary (a spreadsheet's own format, an archive, an image?), not CSV text. "
                                + "Save it as \"CSV UTF-8\" and upload that");
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            CharBuffer chars = utf8.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            int at = in.position();
            throw notUtf8("Byte 0x" + String.format("%02X", bytes[at] & 0xFF) + " on line " + lineAt(bytes, at)
                    + " is not UTF-8: the file is in another encoding (Windows-1252 or Latin-1 write £ and é so)");
        }
    }

    private static ImportRefused notUtf8(String what) {
        return new ImportRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not UTF-8",
                what + ". The import reads UTF-8 only: save the file as \"CSV UTF-8\" and upload that");
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
