package uk.crcledger.api.export;

import uk.crcledger.entry.Source;
import uk.crcledger.timeline.EntryStatus;
import uk.crcledger.timeline.TimelineItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public static Map<String, Object> render(List<TimelineItem> items, String title, String permalinkBase) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (TimelineItem item : items) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("start_date", date(item.occurredOn().toString()));
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
            event.put("text", Map.of("headline", html(capitalised(headline)), "text", text.toString()));
            if (item.providerName() != null) {
                event.put("group", item.providerName());
            }
            event.put("unique_id", item.entryId());
            sources.stream().filter(s -> s.url() != null).findFirst()
                    .ifPresent(s -> event.put("media", Map.of("url", s.url(),
                            "credit", html(s.publisher() != null ? s.publisher() : s.title()),
                            "caption", html(s.title()))));
            events.add(event);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", Map.of("text", Map.of("headline", html(title),
                "text", "From the CRC accountability ledger: " + items.size() + " entries")));
        body.put("events", events);
        return body;
    }

    private static Map<String, Object> date(String isoDate) {
        Map<String, Object> date = new LinkedHashMap<>();
        String[] parts = isoDate.split("-");
        date.put("year", parts[0]);
        if (parts.length > 1) {
            date.put("month", String.valueOf(Integer.parseInt(parts[1])));
        }
        if (parts.length > 2) {
            date.put("day", String.valueOf(Integer.parseInt(parts[2])));
        }
        return date;
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
