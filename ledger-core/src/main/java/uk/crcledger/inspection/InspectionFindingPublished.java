package uk.crcledger.inspection;

import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.List;

/** An inspectorate published a finding about the listed CRCs (or, thematic, about CRCs in general). */
public record InspectionFindingPublished(EntryId entryId, String inspectorate, String title, LocalDate publishedOn,
                                         List<CrcId> crcIds, boolean thematic, InspectionRating rating,
                                         String findings, List<Source> sources, RecordedBy recordedBy)
        implements EntryRecorded {

    public InspectionFindingPublished {
        crcIds = crcIds == null ? List.of() : List.copyOf(crcIds);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static InspectionFindingPublished of(EntryId entryId, InspectionFindingDetails details,
                                                RecordedBy recordedBy) {
        return new InspectionFindingPublished(entryId, details.inspectorate(), details.title(),
                details.publishedOn(), details.crcIds(), details.thematic(), details.rating(), details.findings(),
                details.sources(), recordedBy);
    }

    @Override
    public InspectionFindingDetails details() {
        return new InspectionFindingDetails(inspectorate, title, publishedOn, crcIds, thematic, rating, findings,
                sources);
    }
}
