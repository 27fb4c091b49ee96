package uk.crcledger.incident;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.List;

/** A source reported an incident in the listed CRCs on {@code occurredOn}. */
public record IncidentReported(EntryId entryId, List<CrcId> crcIds, LocalDate occurredOn,
                               IncidentCategory category, String summary, String description,
                               List<IncidentFigure> figures, List<Source> sources, RecordedBy recordedBy)
        implements EntryRecorded {

    public IncidentReported {
        crcIds = crcIds == null ? List.of() : List.copyOf(crcIds);
        figures = figures == null ? List.of() : List.copyOf(figures);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static IncidentReported of(EntryId entryId, IncidentReportDetails details, RecordedBy recordedBy) {
        return new IncidentReported(entryId, details.crcIds(), details.occurredOn(), details.category(),
                details.summary(), details.description(), details.figures(), details.sources(), recordedBy);
    }

    @Override
    public IncidentReportDetails details() {
        return new IncidentReportDetails(crcIds, occurredOn, category, summary, description, figures, sources);
    }
}
