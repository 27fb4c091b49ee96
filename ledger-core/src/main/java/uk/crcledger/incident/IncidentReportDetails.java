package uk.crcledger.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import uk.crcledger.entry.Changes;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.Source;
import uk.crcledger.entry.SummaryWording;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an incident report says: where and when a CRC failed, of which kind, in one line, and what the source adds.
 *
 * @param occurredOn  stored, unlike the other kinds' derived {@link EntryDetails#occurredOn()}: the
 *                    {@code @JsonIgnore(false)} undoes the interface's {@code @JsonIgnore}, which the accessor
 *                    would otherwise inherit (the date would be dropped from a correction's JSON)
 * @param summary     the incident in one line, as the source puts it
 * @param description optional; what else the source says
 * @param figures     optional; the numbers the source gives
 */
public record IncidentReportDetails(List<CrcId> crcIds, @JsonIgnore(false) LocalDate occurredOn,
                                    IncidentCategory category,
                                    String summary, String description, List<IncidentFigure> figures,
                                    List<Source> sources) implements EntryDetails {

    public static final Set<String> NOT_CORRECTABLE = Set.of("entryId");
    public static final Set<String> CORRECTABLE = Set.of("crcIds", "occurredOn", "category", "summary",
            "description", "figures", "sources");
    /** Up to this many CRCs a summary names them; more are counted. */
    private static final int CRCS_NAMED_IN_SUMMARY = 2;
    private static final Set<String> FIGURE_FIELDS = new LinkedHashSet<>(List.of("measure", "value"));

    public IncidentReportDetails {
        crcIds = EntryRules.copy("crcIds", crcIds);
        summary = EntryRules.blankToNull(summary);
        description = EntryRules.blankToNull(description);
        figures = EntryRules.copy("figures", figures);
        sources = EntryRules.copy("sources", sources);
    }

    @Override
    public Set<String> correctableFields() {
        return CORRECTABLE;
    }

    @Override
    public EntryType type() {
        return EntryType.INCIDENT_REPORT;
    }

    @Override
    public void check(LocalDate today) {
        EntryRules.requireCrcs("an incident report", "crcIds", crcIds);
        EntryRules.require("occurredOn", occurredOn);
        EntryRules.require("category", category);
        EntryRules.requireText("summary", summary);
        EntryRules.requireSources(sources);
        EntryRules.requireNotAfter(today, "occurredOn", occurredOn);
        EntryRules.requireSourcesNotAfter(today, sources);
    }

    /**
     * "Risk management incident in Bristol, Gloucestershire, Somerset and Wiltshire under Working Links: a self-harm
     * case"; the provider only when the caller resolved the holder, as an incident names none itself.
     */
    @Override
    public String summary(ProviderId concerned, Names names) {
        StringBuilder line = new StringBuilder(category == null ? "Incident" : category.described());
        if (crcIds.size() > CRCS_NAMED_IN_SUMMARY) {
            line.append(" across ").append(crcIds.size()).append(" CRCs");
        } else if (!crcIds.isEmpty()) {
            line.append(" in ").append(crcIds.stream().map(crc -> SummaryWording.crcName(crc, names))
                    .collect(Collectors.joining(" and ")));
        }
        String provider = SummaryWording.providerName(concerned, this, names);
        if (provider != null) {
            line.append(" under ").append(provider);
        }
        return summary == null ? line.toString() : line.append(": ").append(summary).toString();
    }

    @Override
    public IncidentReportDetails correctedWith(Changes changes) {
        return new IncidentReportDetails(
                changes.list("crcIds", (path, raw) -> Changes.readId(path, raw, CrcId.class, CrcId::of), crcIds),
                changes.date("occurredOn", occurredOn),
                changes.enumValue(IncidentCategory.class, "category", category),
                changes.text("summary", summary),
                changes.text("description", description),
                changes.list("figures", IncidentReportDetails::readFigure, figures),
                changes.sources(sources));
    }

    /** Reads one item of "figures": {@code {measure, value}}. */
    private static IncidentFigure readFigure(String path, Object raw) {
        if (raw instanceof IncidentFigure figure) {
            return figure;
        }
        Map<String, Object> fields = Changes.readObject(path, raw, FIGURE_FIELDS);
        try {
            return new IncidentFigure(Changes.readText(path + ".measure", fields.get("measure")),
                    Changes.readDecimal(path + ".value", fields.get("value")));
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException("field '" + path + "': " + e.getMessage());
        }
    }
}
