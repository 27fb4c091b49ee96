package uk.crcledger.api.export;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A timeline as a {@link CsvTable}: a header, then one row per entry, in these columns, always in this
 * order: {@value #HEADER}. {@code crcIds} are joined with "; ", {@code sources} with " | " (each as
 * title, publisher, date, document reference and URL, the known ones joined with " — "). How it is
 * written (RFC 4180, the byte-order mark, the formula guard) is {@link CsvTableMessageConverter}'s.
 */
public final class CsvTimeline {

    static final String HEADER = "entryId,type,occurredOn,providerId,providerName,crcIds,summary,status,"
            + "recordedAt,recordedBy,revisions,ledgerPosition,sources,permalink";

    private CsvTimeline() {
    }

    /** The one place that maps a timeline item to a row. */
    public static CsvTable table(List<Document> items, String permalinkBase) {
        List<List<String>> rows = new ArrayList<>();
        for (Document item : items) {
            List<String> crcIds = item.getList("crcIds", String.class);
            rows.add(List.of(
                    text(item.get("entryId")), text(item.get("type")), text(item.get("occurredOn")),
                    text(item.get("providerId")), text(item.get("providerName")),
                    crcIds == null ? "" : String.join("; ", crcIds),
                    text(item.get("summary")), text(item.get("status")), text(item.get("recordedAt")),
                    text(item.get("recordedBy")), text(item.get("revisions")), text(item.get("ledgerPosition")),
                    sources(item), permalinkBase + item.getString("entryId")));
        }
        return new CsvTable(List.of(HEADER.split(",")), rows);
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
}
