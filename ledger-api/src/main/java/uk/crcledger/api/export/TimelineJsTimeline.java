package uk.crcledger.api.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import uk.crcledger.entry.Source;
import uk.crcledger.timeline.EntryStatus;
import uk.crcledger.timeline.TimelineItem;

import java.util.ArrayList;
import java.util.List;

/**
 * A timeline in the Knight Lab TimelineJS3 JSON format (https://timeline.knightlab.com/docs/json-format.html):
 * a title slide and one event per entry, with {@code start_date} from the day it happened,
 * {@code text.headline} its type and date, {@code text.text} its summary and sources (HTML-escaped),
 * {@code group} its provider (one row of the timeline per provider), {@code unique_id} its entry id, and
 * {@code media} the first source with a URL, credited to that source.
 */
public final class TimelineJsTimeline {

    private TimelineJsTimeline() {
    }

    /** A TimelineJS3 document: the title slide and the events. */
    @Schema(name = "TimelineJsDocument", description = "A timeline in Knight Lab's TimelineJS3 JSON format")
    public record Document(Slide title, List<Event> events) {
    }

    /** A slide's or event's text, HTML. */
    @Schema(name = "TimelineJsText")
    public record Text(String headline, String text) {
    }

    /** The title slide. */
    @Schema(name = "TimelineJsSlide")
    public record Slide(Text text) {
    }

    /** A date as TimelineJS takes it: year, and month and day where known, as strings. */
    @Schema(name = "TimelineJsDate")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Date(@Schema(example = "2016") String year, @Schema(example = "1") String month,
                       @Schema(example = "20") String day) {
    }

    /** The event's picture: the first source with a URL, credited to it. */
    @Schema(name = "TimelineJsMedia")
    public record Media(String url, String credit, String caption) {
    }

    /** One entry. */
    @Schema(name = "TimelineJsEvent")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(@JsonProperty("start_date") Date startDate, Text text,
                        @Schema(description = "The provider's name: one row of the timeline per provider") String group,
                        @JsonProperty("unique_id") @Schema(description = "The entry's id") String uniqueId,
                        Media media) {
    }

    public static Document render(List<TimelineItem> items, String title, String permalinkBase) {
        List<Event> events = new ArrayList<>();
        for (TimelineItem item : items) {
            String headline = item.type().jsonName().replace('-', ' ')
                    + (item.status() == EntryStatus.RETRACTED ? " (retracted)" : "");
            StringBuilder text = new StringBuilder("<p>").append(html(item.summary())).append("</p>");
            List<Source> sources = item.sources();
            if (!sources.isEmpty()) {
                text.append("<p>Sources: ");
                List<String> shown = new ArrayList<>();
                for (Source source : sources) {
                    shown.add(html(CsvTimeline.source(source)));
                }
                text.append(String.join("; ", shown)).append("</p>");
            }
            text.append("<p><a href=\"").append(html(permalinkBase + item.entryId()))
                    .append("\">Ledger entry</a></p>");
            Media media = sources.stream().filter(s -> s.url() != null).findFirst()
                    .map(s -> new Media(s.url(), html(s.publisher() != null ? s.publisher() : s.title()),
                            html(s.title())))
                    .orElse(null);
            events.add(new Event(date(item.occurredOn().toString()),
                    new Text(html(capitalised(headline)), text.toString()), item.providerName(), item.entryId(),
                    media));
        }
        return new Document(new Slide(new Text(html(title),
                "From the CRC accountability ledger: " + items.size() + " entries")), events);
    }

    private static Date date(String isoDate) {
        String[] parts = isoDate.split("-");
        return new Date(parts[0], parts.length > 1 ? String.valueOf(Integer.parseInt(parts[1])) : null,
                parts.length > 2 ? String.valueOf(Integer.parseInt(parts[2])) : null);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
