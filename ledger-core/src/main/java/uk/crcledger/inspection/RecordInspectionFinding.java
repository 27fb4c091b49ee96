package uk.crcledger.inspection;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.List;

/**
 * Record an inspectorate finding. {@code inspectorate} null or blank means HM Inspectorate of Probation;
 * {@code rating} null means NONE. Creates its own aggregate.
 */
public record RecordInspectionFinding(EntryId entryId, String inspectorate, String title, LocalDate publishedOn,
                                      List<CrcId> crcIds, boolean thematic, InspectionRating rating,
                                      String findings, List<Source> sources) {

    public InspectionFindingDetails details() {
        return new InspectionFindingDetails(inspectorate, title, publishedOn, crcIds, thematic, rating, findings,
                sources);
    }
}
