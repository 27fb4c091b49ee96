package uk.crcledger.api.export;

import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A timeline as CSV (RFC 4180): a header, then one row per entry, in these columns, always in this
 * order: {@value #HEADER}. {@code crcIds} are joined with "; ", {@code sources} with " | " (each as
 * title, publisher, date, document reference and URL, the known ones joined with " — ").
 * <p>
 * UTF-8 with a byte-order mark: without it Excel reads a CSV file in the machine's legacy code page
 * and garbles every non-ASCII character (the "—", "£" and accented names in sources). Lines end in
 * CRLF; a field holding a comma, quote, CR or LF is quoted, with quotes doubled. A cell starting with
 * {@code = + - @} (or tab/CR) is prefixed with {@code '} so a spreadsheet shows it as text instead of
 * running it as a formula (CSV injection).
 */
public final class CsvTimeline {

    static final String HEADER = "entryId,type,occurredOn,providerId,providerName,crcIds,summary,status,"
            + "recordedAt,recordedBy,revisions,ledgerPosition,sources,permalink";
    private static final String BOM = "\uFEFF";

    private CsvTimeline() {
    }

    public static byte[] render(List<Document> items, String permalinkBase) {
        StringBuilder out = new StringBuilder(BOM).append(HEADER).append("\r\n");
        for (Document item : items) {
            List<String> crcIds = item.getList("crcIds", String.class);
            List<String> row = List.of(
                    text(item.get("entryId")), text(item.get("type")), text(item.get("occurredOn")),
                    text(item.get("providerId")), text(item.get("providerName")),
                    crcIds == null ? "" : String.join("; ", crcIds),
                    text(item.get("summary")), text(item.get("status")), text(item.get("recordedAt")),
                    text(item.get("recordedBy")), text(item.get("revisions")), text(item.get("ledgerPosition")),
                    sources(item), permalinkBase + item.getString("entryId"));
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(row.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every source of an entry, one line each, joined with " | ". */
    static String sources(Document item) {
        List<String> all = new ArrayList<>();
        for (Document source : sourceList(item)) {
            all.add(source(source));
        }
        return String.join(" | ", all);
    }

    static String source(Document source) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("title", "publisher", "publishedOn", "documentReference", "url")) {
            Object value = source.get(key);
            if (value != null && !value.toString().isBlank()) {
                parts.add(value.toString());
            }
        }
        return String.join(" — ", parts);
    }

    static List<Document> sourceList(Document item) {
        List<Document> sources = item.getList("sources", Document.class);
        return sources == null ? List.of() : sources.stream().filter(Objects::nonNull).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String cell(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\r') >= 0 || safe.indexOf('\n') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
