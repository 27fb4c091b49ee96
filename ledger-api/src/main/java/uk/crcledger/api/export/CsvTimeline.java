package uk.crcledger.api.export;

import uk.crcledger.entry.JsonNames;
import uk.crcledger.entry.Source;
import uk.crcledger.timeline.TimelineItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A timeline as a {@link CsvTable}: a header, then one row per entry, in these columns, always in this
 * order: {@value #HEADER}. {@code crcIds} are joined with "; ", {@code sources} with " | " (each as
 * title, publisher, date, document reference and URL, the known ones joined with " — "). How it is
 * written (RFC 4180, the byte-order mark, the formula guard) is {@link CsvTableMessageConverter}'s.
 */
public final class CsvTimeline {

    /** The export's columns, in order. */
    public static final String HEADER = "entryId,type,occurredOn,providerId,providerName,crcIds,summary,status,"
            + "recordedAt,recordedBy,revisions,ledgerPosition,sources,permalink";

    private CsvTimeline() {
    }

    /** The one place that maps a timeline item to a row. */
    public static CsvTable table(List<TimelineItem> items, String permalinkBase) {
        List<List<String>> rows = new ArrayList<>();
        for (TimelineItem item : items) {
            rows.add(List.of(
                    item.entryId(), item.type().jsonName(), text(item.occurredOn()),
                    text(item.providerId()), text(item.providerName()), String.join("; ", item.crcIds()),
                    text(item.summary()), JsonNames.of(item.status()), text(item.recordedAt()),
                    text(item.recordedBy()), text(item.revisions()), text(item.ledgerPosition()),
                    sources(item.sources()), permalinkBase + item.entryId()));
        }
        return new CsvTable(List.of(HEADER.split(",")), rows);
    }

    /** Every source of an entry, one line each, joined with " | ". */
    static String sources(List<Source> sources) {
        return sources.stream().map(CsvTimeline::source).collect(Collectors.joining(" | "));
    }

    /** A source as its title, publisher, date, document reference and URL, the known ones joined with " — ". */
    static String source(Source source) {
        List<String> parts = new ArrayList<>();
        for (Object value : Arrays.asList(source.title(), source.publisher(), source.publishedOn(),
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
}
