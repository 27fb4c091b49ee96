package uk.crcledger.timeline;

import org.bson.Document;
import org.bson.types.Decimal128;
import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractTermChangeDetails;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.JsonNames;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-model fields of an entry's details, as pure functions (the facts themselves, such as the date, the CRCs
 * named and the summary, are the details' own: see {@link EntryDetails}). Documents hold BSON-native values only, so they come
 * back from MongoDB equal to what was written: strings (ids, ISO dates, enums by their JSON names), booleans,
 * {@link Decimal128} for posts, percentages and money, nested documents and lists. An absent optional field is a
 * {@code null} value under its key, so every document of a type has the same keys.
 */
public final class EntryFacts {

    private EntryFacts() {
    }

    // ----------------------------------------------------------------------------------------------- fields

    /**
     * The type's own fields under the API's camelCase names (sources excepted: see {@link #sources(List)}).
     *
     * @throws IllegalArgumentException for an unknown kind of details, or a decimal Decimal128 cannot hold exactly
     */
    public static Document fields(EntryDetails details) {
        Document fields = new Document();
        if (details instanceof ContractAwardDetails award) {
            fields.append("crcId", id(award.crcId()))
                    .append("providerId", id(award.providerId()))
                    .append("signedOn", iso(award.signedOn()))
                    .append("startsOn", iso(award.startsOn()))
                    .append("plannedEndOn", iso(award.plannedEndOn()))
                    .append("valueGbp", decimal(award.valueGbp()))
                    .append("description", award.description());
        } else if (details instanceof ContractEndDetails end) {
            fields.append("crcId", id(end.crcId()))
                    .append("endedOn", iso(end.endedOn()))
                    .append("reason", jsonName(end.reason()))
                    .append("successorProviderId", id(end.successorProviderId()));
        } else if (details instanceof ContractTermChangeDetails change) {
            fields.append("crcIds", ids(change.crcIds()))
                    .append("announcedOn", iso(change.announcedOn()))
                    .append("newPlannedEndOn", iso(change.newPlannedEndOn()))
                    .append("reason", change.reason());
        } else if (details instanceof JobCutAnnouncementDetails cuts) {
            List<Document> crcs = new ArrayList<>();
            for (AffectedCrc crc : cuts.crcs()) {
                crcs.add(new Document("crcId", id(crc.crcId()))
                        .append("posts", decimal(crc.posts()))
                        .append("percentage", decimal(crc.percentage())));
            }
            fields.append("providerId", id(cuts.providerId()))
                    .append("announcedOn", iso(cuts.announcedOn()))
                    .append("crcs", crcs)
                    .append("totalPosts", decimal(cuts.totalPosts()))
                    .append("percentage", decimal(cuts.percentage()))
                    .append("description", cuts.description());
        } else if (details instanceof InspectionFindingDetails finding) {
            fields.append("inspectorate", finding.inspectorate())
                    .append("title", finding.title())
                    .append("publishedOn", iso(finding.publishedOn()))
                    .append("crcIds", ids(finding.crcIds()))
                    .append("thematic", finding.thematic())
                    .append("rating", jsonName(finding.rating()))
                    .append("findings", finding.findings());
        } else {
            throw unknown(details);
        }
        return fields;
    }

    /** Each source as {@code {title, publisher, url, documentReference, publishedOn}}. */
    public static List<Document> sources(List<Source> sources) {
        List<Document> documents = new ArrayList<>();
        for (Source source : sources) {
            documents.add(new Document("title", source.title())
                    .append("publisher", source.publisher())
                    .append("url", source.url())
                    .append("documentReference", source.documentReference())
                    .append("publishedOn", iso(source.publishedOn())));
        }
        return documents;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String id(CrcId crcId) {
        return crcId == null ? null : crcId.value();
    }

    private static String id(ProviderId providerId) {
        return providerId == null ? null : providerId.value();
    }

    private static List<String> ids(List<CrcId> crcIds) {
        List<String> ids = new ArrayList<>(crcIds.size());
        for (CrcId crcId : crcIds) {
            ids.add(crcId.value());
        }
        return ids;
    }

    private static String jsonName(Enum<?> constant) {
        return constant == null ? null : JsonNames.of(constant);
    }

    private static Decimal128 decimal(BigDecimal value) {
        return value == null ? null : new Decimal128(value);
    }

    private static Decimal128 decimal(Posts posts) {
        return posts == null ? null : new Decimal128(posts.value());
    }

    private static Decimal128 decimal(Percentage percentage) {
        return percentage == null ? null : new Decimal128(percentage.value());
    }

    private static IllegalArgumentException unknown(EntryDetails details) {
        return new IllegalArgumentException("unknown kind of entry details: "
                + (details == null ? "null" : details.getClass().getName()));
    }
}
