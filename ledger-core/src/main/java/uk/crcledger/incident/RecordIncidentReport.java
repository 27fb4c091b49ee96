package uk.crcledger.incident;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.List;

/** Record an incident in one or more CRCs. Creates its own aggregate. */
public record RecordIncidentReport(EntryId entryId, List<CrcId> crcIds, LocalDate occurredOn,
                                   IncidentCategory category, String summary, String description,
                                   List<IncidentFigure> figures, List<Source> sources) {

    public IncidentReportDetails details() {
        return new IncidentReportDetails(crcIds, occurredOn, category, summary, description, figures, sources);
    }
}
