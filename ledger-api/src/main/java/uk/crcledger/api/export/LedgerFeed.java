package uk.crcledger.api.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.crcledger.entry.JsonNames;
import uk.crcledger.timeline.CrcView;
import uk.crcledger.timeline.ProviderSummary;
import uk.crcledger.timeline.Revision;
import uk.crcledger.timeline.TimelineItem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.TimelineFilter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Atom feed (RFC 4287) of the latest {@value #LIMIT} recordings, corrections and retractions, newest first,
 * for the whole ledger or one CRC or provider. Each revision of an entry is its own feed entry: its id is the
 * entry's permalink with {@code #revision-N} (stable: revisions are never rewritten), {@code updated} is when that
 * revision was recorded, and its {@code alternate} link is the entry, {@code /api/entries/{id}}.
 * <p>
 * Derived from the timelines (every entry is on the timeline of a CRC it concerns; thematic entries on all of
 * them): the timelines give each entry's first recording and its revision count, and only entries revised since
 * are read whole for their revisions' times. No projection of its own.
 */
@RestController
@Tag(name = "Exports")
public class LedgerFeed {

    static final int LIMIT = 50;
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final ReadModelAnswers answers;

    public LedgerFeed(ReadModelAnswers answers) {
        this.answers = answers;
    }

    private record Item(String entryId, int revision, String kind, Instant updated, String summary, String reason,
                        String type) {
    }

    @GetMapping(path = "/api/feed.atom", produces = {"application/atom+xml", "application/problem+json"})
    @Operation(operationId = "ledgerFeed",
            summary = "Atom feed of the latest recordings, corrections and retractions (newest first)")
    @ApiResponse(responseCode = "200", description = "An Atom (RFC 4287) feed, one feed entry per revision",
            content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Both crc and provider given, or asOf not an ISO-8601 instant")
    @ApiResponse(responseCode = "404", description = "No such CRC or provider")
    public ResponseEntity<byte[]> feed(@Parameter(description = "Only entries concerning this CRC (id)")
                                       @RequestParam(required = false) String crc,
                                       @Parameter(description = "Only entries on this provider's timeline (id)")
                                       @RequestParam(required = false) String provider,
                                       @Parameter(description = "As the ledger knew it at this instant (ISO-8601)")
                                       @RequestParam(required = false) String asOf) {
        if (crc != null && provider != null) {
            throw new BadRequest("provider", "give crc or provider, not both");
        }
        LedgerQueries queries = answers.at(asOf);
        List<TimelineItem> items = new ArrayList<>();
        String title;
        if (crc != null) {
            items.addAll(ReadModelAnswers.found(queries.crcTimeline(crc, TimelineFilter.all()), "No CRC " + crc)
                    .items());
            title = "CRC ledger: " + queries.crc(crc).map(CrcView::name).orElse(crc);
        } else if (provider != null) {
            items.addAll(ReadModelAnswers.found(queries.providerTimeline(provider, TimelineFilter.all()),
                    "No provider " + provider).items());
            title = "CRC ledger: " + queries.provider(provider).map(ProviderSummary::name).orElse(provider);
        } else {
            for (CrcView c : queries.crcs()) {
                queries.crcTimeline(c.crcId(), TimelineFilter.all()).ifPresent(t -> items.addAll(t.items()));
            }
            title = "CRC accountability ledger";
        }
        Map<String, TimelineItem> byEntry = new LinkedHashMap<>();
        items.forEach(i -> byEntry.putIfAbsent(i.entryId(), i));
        List<Item> revisions = new ArrayList<>();
        for (TimelineItem item : byEntry.values()) {
            if (item.revisions() <= 1) {
                revisions.add(new Item(item.entryId(), 1, "recorded", item.recordedAt(), item.summary(), null,
                        item.type().jsonName()));
            } else {
                queries.entry(item.entryId()).ifPresent(entry -> {
                    for (Revision r : entry.revisions()) {
                        revisions.add(new Item(entry.entryId(), r.revision(), JsonNames.of(r.kind()), r.recordedAt(),
                                r.summary() != null ? r.summary() : entry.summary(), r.reason(),
                                entry.type().jsonName()));
                    }
                });
            }
        }
        revisions.sort(Comparator.comparing(Item::updated).reversed()
                .thenComparing(Item::entryId).thenComparing(Item::revision, Comparator.reverseOrder()));
        List<Item> latest = revisions.subList(0, Math.min(LIMIT, revisions.size()));
        String self = ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString();
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return ResponseEntity.ok().contentType(new MediaType("application", "atom+xml", StandardCharsets.UTF_8))
                .body(write(latest, title, self, base).getBytes(StandardCharsets.UTF_8));
    }

    private static String write(List<Item> items, String title, String self, String base) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ATOM);
            xml.writeStartElement(ATOM, "feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", self);
            element(xml, "title", title);
            element(xml, "updated", (items.isEmpty() ? Instant.EPOCH : items.get(0).updated()).toString());
            link(xml, "self", self, "application/atom+xml");
            xml.writeStartElement(ATOM, "author");
            element(xml, "name", "CRC Accountability Ledger");
            xml.writeEndElement();
            for (Item item : items) {
                String permalink = base + "/api/entries/" + item.entryId();
                xml.writeStartElement(ATOM, "entry");
                element(xml, "id", permalink + "#revision-" + item.revision());
                element(xml, "title", capitalised(item.kind()) + ": " + (item.summary() == null ? item.type()
                        : item.summary()));
                element(xml, "updated", item.updated().toString());
                link(xml, "alternate", permalink, "application/json");
                xml.writeEmptyElement(ATOM, "category");
                xml.writeAttribute("term", item.kind());
                xml.writeEmptyElement(ATOM, "category");
                xml.writeAttribute("term", item.type());
                xml.writeStartElement(ATOM, "summary");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(text(item));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the feed", e);
        }
        return out.toString();
    }

    private static String text(Item item) {
        String text = item.summary() == null ? "" : item.summary();
        return item.reason() == null ? text : text + " (" + item.kind() + ": " + item.reason() + ")";
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(ATOM, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement(ATOM, "link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "Entry" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
