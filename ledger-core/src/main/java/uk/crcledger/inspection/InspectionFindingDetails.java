package uk.crcledger.inspection;

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
import java.util.List;
import java.util.Set;

/**
 * What an inspectorate finding says.
 *
 * @param inspectorate defaults to {@value #DEFAULT_INSPECTORATE}, which published nearly every CRC report
 * @param crcIds       the CRCs inspected; may be empty only for a thematic report (one about all CRCs)
 * @param rating       defaults to NONE (unrated)
 * @param findings     optional summary of what was found
 */
public record InspectionFindingDetails(String inspectorate, String title, LocalDate publishedOn, List<CrcId> crcIds,
                                       boolean thematic, InspectionRating rating, String findings,
                                       List<Source> sources) implements EntryDetails {

    public static final String DEFAULT_INSPECTORATE = "HM Inspectorate of Probation";
    public static final Set<String> NOT_CORRECTABLE = Set.of("entryId");
    public static final Set<String> CORRECTABLE = Set.of("inspectorate", "title", "publishedOn", "crcIds", "thematic",
            "rating", "findings", "sources");

    public InspectionFindingDetails {
        inspectorate = inspectorate == null || inspectorate.isBlank() ? DEFAULT_INSPECTORATE : inspectorate.strip();
        title = EntryRules.blankToNull(title);
        crcIds = EntryRules.copy("crcIds", crcIds);
        rating = rating == null ? InspectionRating.NONE : rating;
        findings = EntryRules.blankToNull(findings);
        sources = EntryRules.copy("sources", sources);
    }

    @Override
    public Set<String> correctableFields() {
        return CORRECTABLE;
    }

    @Override
    public EntryType type() {
        return EntryType.INSPECTION_FINDING;
    }

    @Override
    public void check(LocalDate today) {
        EntryRules.requireText("title", title);
        EntryRules.require("publishedOn", publishedOn);
        if (crcIds.isEmpty() && !thematic) {
            throw new InvalidEntryException("finding '" + title + "' names no CRC: only a thematic finding may"
                    + " leave crcIds empty");
        }
        EntryRules.requireDistinct("crcIds", crcIds);
        EntryRules.requireSources(sources);
        EntryRules.requireNotAfter(today, "publishedOn", publishedOn);
        EntryRules.requireSourcesNotAfter(today, sources);
    }

    @Override
    public LocalDate occurredOn() {
        return publishedOn;
    }

    /** A thematic finding that names no CRC is about all of them. */
    @Override
    public boolean coversAllCrcs() {
        return thematic && crcIds.isEmpty();
    }

    /** "HM Inspectorate of Probation rated Kent, Surrey and Sussex Requires improvement: title". */
    @Override
    public String summary(ProviderId concerned, Names names) {
        String titled = title == null ? "" : ": " + title;
        String inspected = crcIds.size() == 1 ? SummaryWording.crcName(crcIds.get(0), names) : crcIds.size() + " CRCs";
        if (thematic) {
            return inspectorate + " thematic report" + titled;
        }
        if (rating != InspectionRating.NONE) {
            return inspectorate + " rated " + inspected + " " + SummaryWording.words(rating) + titled;
        }
        return inspectorate + " reported on " + inspected + titled;
    }

    @Override
    public InspectionFindingDetails correctedWith(Changes changes) {
        Boolean correctedThematic = changes.bool("thematic", thematic);
        if (correctedThematic == null) {
            throw new InvalidEntryException("field 'thematic': expected true or false, got null");
        }
        return new InspectionFindingDetails(
                changes.text("inspectorate", inspectorate),
                changes.text("title", title),
                changes.date("publishedOn", publishedOn),
                changes.list("crcIds", (path, raw) -> Changes.readId(path, raw, CrcId.class, CrcId::of), crcIds),
                correctedThematic,
                changes.enumValue(InspectionRating.class, "rating", rating),
                changes.text("findings", findings),
                changes.sources(sources));
    }
}
