package uk.crcledger.api.overview;

import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.SummaryWording;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.timeline.ContractPeriod;
import uk.crcledger.timeline.overview.CrcOverview;
import uk.crcledger.timeline.overview.Overview;
import uk.crcledger.timeline.overview.OverviewMark;
import uk.crcledger.timeline.overview.ProviderComparison;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the overview as SVG: a row per CRC across 2014 to today, each contract period a bar in its owner's colour
 * and labelled with the owner's name (so colour is never the only cue), each mark a shape of its kind (a finding's
 * colour its rating), with a legend. Every row is a link to the CRC's timeline and every mark a link to its entry,
 * each with a {@code <title>} (shown on hover, read by screen readers) and focusable, so the chart works inline in
 * the page by keyboard; the page's table carries the same facts for screen readers.
 *
 * <p>Written with an {@link XMLStreamWriter}, which escapes every text and attribute: names and summaries are
 * recorded text. Characters XML 1.0 cannot hold at all (control characters) are dropped. Classes name every part
 * so the page's stylesheet (not the SVG, which may not carry a {@code <style>} under the page's CSP) styles focus.
 */
final class OverviewChart {

    static final LocalDate START = LocalDate.of(2014, 1, 1);

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final int WIDTH = 1000;
    private static final int LABEL_X = 8;
    private static final int PLOT_LEFT = 200;
    private static final int PLOT_RIGHT = 984;
    private static final int TOP = 34;
    private static final int ROW = 30;
    private static final int BAR = 20;
    private static final int MARK = 7;
    /** Marks closer than this on one row are moved apart, so each stays visible and clickable. */
    private static final int MARK_SPACING = 13;
    /** A generous average advance of the sans-serif fonts at 12px (bar labels) and 13px (the legend). */
    private static final double BAR_CHAR_WIDTH = 7.0;
    private static final double LEGEND_CHAR_WIDTH = 7.6;
    private static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    private static final String TEXT = "#1b1b1b";
    private static final String MUTED = "#4a4a4a";

    /**
     * ColorBrewer's Set2, mid-light tones that keep dark labels readable (contrast at least 7:1) and stay apart for
     * the common colour-vision deficiencies; an owner's colour is its place in the register of providers (by id).
     */
    private static final String[] OWNER_COLOURS = {"#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f",
            "#e5c494", "#b3b3b3"};
    private static final Map<InspectionRating, String> RATING_COLOURS = new EnumMap<>(Map.of(
            InspectionRating.INADEQUATE, "#b00020",
            InspectionRating.REQUIRES_IMPROVEMENT, "#e08a00",
            InspectionRating.GOOD, "#1a7f37",
            InspectionRating.OUTSTANDING, "#0b4f8a",
            InspectionRating.NONE, "#ffffff"));

    private final XMLStreamWriter svg;
    private final LocalDate end;
    private final Map<String, String> colours = new HashMap<>();

    private OverviewChart(XMLStreamWriter svg, LocalDate end, List<ProviderComparison> providers) {
        this.svg = svg;
        this.end = end;
        for (int i = 0; i < providers.size(); i++) {
            colours.put(providers.get(i).providerId(), OWNER_COLOURS[i % OWNER_COLOURS.length]);
        }
    }

    /** The chart of {@code overview}, its time axis from 2014 to {@code today} (or the latest date shown). */
    static String draw(Overview overview, LocalDate today) {
        LocalDate end = today;
        for (CrcOverview crc : overview.crcs()) {
            for (OverviewMark mark : crc.marks()) {
                end = mark.occurredOn().isAfter(end) ? mark.occurredOn() : end;
            }
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            new OverviewChart(writer, end, overview.providers()).document(overview);
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the overview chart", e);
        }
        return out.toString();
    }

    private void document(Overview overview) throws XMLStreamException {
        int rowsBottom = TOP + overview.crcs().size() * ROW;
        List<LegendItem> legend = legend(overview);
        int legendTop = rowsBottom + 28;
        int height = legendTop + legendHeight(legend) + 8;

        svg.writeStartDocument("UTF-8", "1.0");
        svg.writeStartElement("svg");
        svg.writeDefaultNamespace(SVG_NS);
        attributes("class", "overview-chart", "viewBox", "0 0 " + WIDTH + " " + height, "width", WIDTH,
                "height", height, "role", "group", "aria-labelledby", "overview-chart-title",
                "font-family", FONT, "font-size", 13, "fill", TEXT);
        element("title", "id", "overview-chart-title");
        text("Contract periods of " + overview.crcs().size() + " CRCs by owner, " + START.getYear()
                + " to " + end + ", with job cuts, inspection findings and incidents marked");
        svg.writeEndElement();

        axis(rowsBottom);
        int y = TOP;
        int index = 0;
        for (CrcOverview crc : overview.crcs()) {
            row(crc, y, index++);
            y += ROW;
        }
        legend(legend, legendTop);
        svg.writeEndElement();
        svg.writeEndDocument();
    }

    // ---- the time axis ---------------------------------------------------------------------------------------

    private double x(LocalDate date) {
        double days = end.toEpochDay() - START.toEpochDay();
        double at = Math.max(0, Math.min(days, date.toEpochDay() - START.toEpochDay()));
        return round(PLOT_LEFT + at / days * (PLOT_RIGHT - PLOT_LEFT));
    }

    private void axis(int rowsBottom) throws XMLStreamException {
        element("g", "class", "axis", "aria-hidden", "true");
        for (int year = START.getYear(); year <= end.getYear(); year++) {
            double at = x(LocalDate.of(year, 1, 1));
            empty("line", "x1", at, "x2", at, "y1", TOP - 10, "y2", rowsBottom, "stroke", "#c8c8c8",
                    "stroke-width", 1);
            double next = year == end.getYear() ? x(end) : x(LocalDate.of(year + 1, 1, 1));
            if (next - at > 26) {
                element("text", "x", round((at + next) / 2), "y", TOP - 14, "text-anchor", "middle", "fill", MUTED);
                text(String.valueOf(year));
                svg.writeEndElement();
            }
        }
        double today = x(end);
        empty("line", "x1", today, "x2", today, "y1", TOP - 10, "y2", rowsBottom, "stroke", TEXT,
                "stroke-width", 1.5, "stroke-dasharray", "3 3");
        element("text", "x", today - 3, "y", rowsBottom + 16, "text-anchor", "end", "fill", MUTED,
                "font-size", 12);
        text("today, " + end);
        svg.writeEndElement();
        svg.writeEndElement();
    }

    // ---- a CRC's row -----------------------------------------------------------------------------------------

    private void row(CrcOverview crc, int y, int index) throws XMLStreamException {
        double middle = y + ROW / 2.0;
        element("g", "class", "crc", "data-crc-id", crc.crcId());
        element("a", "class", "crc-link", "href", "/?crc=" + crc.crcId());
        element("title");
        text(crc.name() + ": " + owners(crc.contracts()) + ". Open its timeline.");
        svg.writeEndElement();
        empty("rect", "class", "row-band", "x", 0, "y", y, "width", WIDTH, "height", ROW,
                "fill", index % 2 == 0 ? "#f3f3f3" : "#ffffff");
        element("text", "class", "crc-name", "x", LABEL_X, "y", round(middle + 4.5), "font-weight", 600);
        text(label(crc));
        svg.writeEndElement();
        for (ContractPeriod period : crc.contracts()) {
            bar(period, middle);
        }
        svg.writeEndElement();
        marks(crc.marks(), middle);
        svg.writeEndElement();
    }

    /** Long names give way to their abbreviation (BeNCH, HLNY) in the label column; the title has the name. */
    private static String label(CrcOverview crc) {
        return crc.name().length() > 26 && crc.abbreviation() != null ? crc.abbreviation() : crc.name();
    }

    private void bar(ContractPeriod period, double middle) throws XMLStreamException {
        double from = x(period.startsOn());
        double to = x(period.endedOn() == null ? end : period.endedOn());
        double width = Math.max(2, to - from);
        empty("rect", "class", "contract", "data-provider-id", period.providerId(), "x", from,
                "y", round(middle - BAR / 2.0), "width", round(width), "height", BAR, "rx", 2,
                "fill", colours.getOrDefault(period.providerId(), "#dddddd"), "stroke", "#ffffff", "stroke-width", 1);
        // At the bar's end: most marks fall in the contracts' first years, and would hide a label at its start.
        String name = fitted(shortName(period.providerName()), width - 8, BAR_CHAR_WIDTH);
        if (name != null) {
            element("text", "class", "owner-name", "x", round(from + width - 4), "y", round(middle + 4.5),
                    "text-anchor", "end", "font-size", 12, "aria-hidden", "true");
            text(name);
            svg.writeEndElement();
        }
    }

    private static String owners(List<ContractPeriod> contracts) {
        if (contracts.isEmpty()) {
            return "no contract recorded";
        }
        StringBuilder owners = new StringBuilder();
        for (ContractPeriod period : contracts) {
            owners.append(owners.isEmpty() ? "" : "; ").append(period.providerName()).append(" from ")
                    .append(period.startsOn()).append(period.endedOn() == null ? ", still held"
                            : " to " + period.endedOn());
        }
        return owners.toString();
    }

    /** "Sodexo Justice Services (with Nacro)" → "Sodexo Justice Services": the bar is short, the title has all. */
    private static String shortName(String name) {
        int bracket = name.indexOf(" (");
        return bracket > 0 ? name.substring(0, bracket) : name;
    }

    /** The text cut to fit {@code width}, with an ellipsis, or null when not even a few letters fit. */
    private static String fitted(String text, double width, double charWidth) {
        int fits = (int) (width / charWidth);
        if (fits >= text.length()) {
            return text;
        }
        return fits < 4 ? null : text.substring(0, fits - 1).stripTrailing() + "…";
    }

    private void marks(List<OverviewMark> marks, double middle) throws XMLStreamException {
        double last = Double.NEGATIVE_INFINITY;
        for (OverviewMark mark : marks) {
            double at = Math.max(x(mark.occurredOn()), last + MARK_SPACING);
            last = at;
            element("a", "class", "mark mark-" + mark.type().jsonName(), "href", "/?entry=" + mark.entryId(),
                    "data-entry-id", mark.entryId(), "data-type", mark.type().jsonName(),
                    "data-rating", mark.rating() == null ? null : mark.rating().toString());
            element("title");
            text(mark.occurredOn() + " · " + SummaryWording.words(mark.type())
                    + (mark.rating() == null ? "" : " (" + ratingName(mark.rating()) + ")") + ": " + mark.summary());
            svg.writeEndElement();
            shape(mark.type(), mark.rating(), at, middle);
            svg.writeEndElement();
        }
    }

    /** A downward triangle for a job cut, a circle in the rating's colour for a finding, a diamond for an incident. */
    private void shape(EntryType type, InspectionRating rating, double x, double y) throws XMLStreamException {
        switch (type) {
            case JOB_CUT_ANNOUNCEMENT -> empty("path", "class", "shape", "d", "M" + round(x - MARK) + " "
                            + round(y - MARK + 1) + "h" + 2 * MARK + "l" + -MARK + " " + (2 * MARK - 1) + "z",
                    "fill", TEXT, "stroke", "#ffffff", "stroke-width", 1.5);
            case INSPECTION_FINDING -> empty("circle", "class", "shape", "cx", x, "cy", y, "r", MARK - 0.5,
                    "fill", RATING_COLOURS.get(rating == null ? InspectionRating.NONE : rating),
                    "stroke", rating == null || rating == InspectionRating.NONE ? TEXT : "#ffffff",
                    "stroke-width", 2);
            default -> empty("path", "class", "shape", "d", "M" + round(x) + " " + round(y - MARK - 1) + "l"
                            + (MARK + 1) + " " + (MARK + 1) + "l" + -(MARK + 1) + " " + (MARK + 1) + "l"
                            + -(MARK + 1) + " " + -(MARK + 1) + "z",
                    "fill", "#6a1b9a", "stroke", "#ffffff", "stroke-width", 1.5);
        }
    }

    // ---- the legend ------------------------------------------------------------------------------------------

    private record LegendItem(String label, String colour, EntryType mark, InspectionRating rating) {
    }

    private static final int LEGEND_COLUMNS = 3;
    private static final int LEGEND_LINE = 22;
    /** The marks' key: a job cut, an incident, then a finding of each rating. */
    private static final List<LegendItem> MARK_LEGEND = markLegend();

    private static List<LegendItem> markLegend() {
        List<LegendItem> items = new java.util.ArrayList<>();
        items.add(new LegendItem(SummaryWording.words(EntryType.JOB_CUT_ANNOUNCEMENT), null,
                EntryType.JOB_CUT_ANNOUNCEMENT, null));
        items.add(new LegendItem(SummaryWording.words(EntryType.INCIDENT_REPORT), null, EntryType.INCIDENT_REPORT,
                null));
        for (InspectionRating rating : List.of(InspectionRating.INADEQUATE, InspectionRating.REQUIRES_IMPROVEMENT,
                InspectionRating.GOOD, InspectionRating.OUTSTANDING, InspectionRating.NONE)) {
            items.add(new LegendItem("Finding: " + ratingName(rating), null, EntryType.INSPECTION_FINDING, rating));
        }
        return List.copyOf(items);
    }

    /** "requires improvement"; "unrated" for the early and thematic reports the inspectorate did not rate. */
    private static String ratingName(InspectionRating rating) {
        return rating == InspectionRating.NONE ? "unrated"
                : SummaryWording.words(rating).toLowerCase(java.util.Locale.ROOT);
    }

    private List<LegendItem> legend(Overview overview) {
        List<LegendItem> items = new java.util.ArrayList<>();
        for (ProviderComparison provider : overview.providers()) {
            items.add(new LegendItem(shortName(provider.name()), colours.get(provider.providerId()), null, null));
        }
        return items;
    }

    private static int legendHeight(List<LegendItem> owners) {
        return 22 + lines(owners.size()) * LEGEND_LINE + 22 + lines(MARK_LEGEND.size()) * LEGEND_LINE;
    }

    private static int lines(int items) {
        return (items + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
    }

    private void legend(List<LegendItem> owners, int top) throws XMLStreamException {
        element("g", "class", "legend");
        heading("Owners (bars)", top);
        int y = top + 10;
        double column = (WIDTH - 2 * LABEL_X) / (double) LEGEND_COLUMNS;
        for (int i = 0; i < owners.size(); i++) {
            double x = LABEL_X + (i % LEGEND_COLUMNS) * column;
            int lineY = y + (i / LEGEND_COLUMNS) * LEGEND_LINE;
            empty("rect", "x", x, "y", lineY, "width", 22, "height", 14, "rx", 2, "fill", owners.get(i).colour());
            legendLabel(owners.get(i).label(), x + 28, lineY + 12, column - 32);
        }
        y += lines(owners.size()) * LEGEND_LINE + 22;
        heading("Marks", y);
        y += 10;
        List<LegendItem> marks = MARK_LEGEND;
        for (int i = 0; i < marks.size(); i++) {
            double x = LABEL_X + (i % LEGEND_COLUMNS) * column;
            int lineY = y + (i / LEGEND_COLUMNS) * LEGEND_LINE;
            shape(marks.get(i).mark(), marks.get(i).rating(), x + 11, lineY + 7);
            legendLabel(marks.get(i).label(), x + 28, lineY + 12, column - 32);
        }
        svg.writeEndElement();
    }

    private void heading(String text, int y) throws XMLStreamException {
        element("text", "x", LABEL_X, "y", y, "font-weight", 700);
        text(text);
        svg.writeEndElement();
    }

    private void legendLabel(String label, double x, double y, double width) throws XMLStreamException {
        element("text", "x", x, "y", y);
        String fitted = fitted(label, width, LEGEND_CHAR_WIDTH);
        text(fitted == null ? label : fitted);
        svg.writeEndElement();
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    private void element(String name, Object... attributes) throws XMLStreamException {
        svg.writeStartElement(name);
        attributes(attributes);
    }

    private void empty(String name, Object... attributes) throws XMLStreamException {
        svg.writeEmptyElement(name);
        attributes(attributes);
    }

    /** Name, value pairs; a null value writes no attribute. */
    private void attributes(Object... pairs) throws XMLStreamException {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                svg.writeAttribute((String) pairs[i], xml(String.valueOf(pairs[i + 1])));
            }
        }
    }

    private void text(String text) throws XMLStreamException {
        svg.writeCharacters(xml(text));
    }

    /** The text without the characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE, U+FFFF). */
    static String xml(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF))
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
