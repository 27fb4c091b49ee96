package uk.crcledger.api.export;

import uk.crcledger.entry.JsonNames;
import uk.crcledger.entry.Source;
import uk.crcledger.timeline.TimelineItem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    public static byte[] render(List<TimelineItem> items, String permalinkBase) {
        StringBuilder out = new StringBuilder(BOM).append(HEADER).append("\r\n");
        for (TimelineItem item : items) {
            List<String> row = List.of(
                    item.entryId(), text(item.type()), text(item.occurredOn()),
                    text(item.providerId()), text(item.providerName()), String.join("; ", item.crcIds()),
                    text(item.summary()), text(item.status() == null ? null : JsonNames.of(item.status())),
                    text(item.recordedAt()), text(item.recordedBy()), text(item.revisions()),
                    text(item.ledgerPosition()), sources(item.sources()), permalinkBase + item.entryId());
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
    static String sources(List<Source> sources) {
        return sources.stream().map(CsvTimeline::source).collect(java.util.stream.Collectors.joining(" | "));
    }

    /** A source as its title, publisher, date, document reference and URL, the known ones joined with " — ". */
    static String source(Source source) {
        List<String> parts = new ArrayList<>();
        for (Object value : java.util.Arrays.asList(source.title(), source.publisher(), source.publishedOn(),
                source.documentReference(), source.url())) {
            if (value != null && !value.toString().isBlank()) {
                parts.add(value.toString());
            }
        }
        return String.join(" — ", parts);
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
