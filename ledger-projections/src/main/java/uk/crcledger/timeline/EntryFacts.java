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
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Read-model facts of an entry's details, as pure functions. Documents hold BSON-native values only, so they come
 * back from MongoDB equal to what was written: strings (ids, ISO dates, enums by their JSON names), booleans,
 * {@link Decimal128} for posts, percentages and money, nested documents and lists. An absent optional field is a
 * {@code null} value under its key, so every document of a type has the same keys.
 */
public final class EntryFacts {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** Up to this many CRCs a job-cut summary names them; more are counted. */
    private static final int CRCS_NAMED_IN_SUMMARY = 3;

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

    // ------------------------------------------------------------------------------------------------ facts

    /** The day the thing happened, ISO: signed, ended, announced or published. */
    public static String occurredOn(EntryDetails details) {
        if (details instanceof ContractAwardDetails award) {
            return iso(award.signedOn());
        } else if (details instanceof ContractEndDetails end) {
            return iso(end.endedOn());
        } else if (details instanceof ContractTermChangeDetails change) {
            return iso(change.announcedOn());
        } else if (details instanceof JobCutAnnouncementDetails cuts) {
            return iso(cuts.announcedOn());
        } else if (details instanceof InspectionFindingDetails finding) {
            return iso(finding.publishedOn());
        }
        throw unknown(details);
    }

    /**
     * The provider the entry names itself (award, job cuts); null for the others, whose provider is whoever held
     * the contract, which only the caller can resolve.
     */
    public static String providerId(EntryDetails details) {
        if (details instanceof ContractAwardDetails award) {
            return id(award.providerId());
        } else if (details instanceof JobCutAnnouncementDetails cuts) {
            return id(cuts.providerId());
        } else if (details instanceof ContractEndDetails
                || details instanceof ContractTermChangeDetails
                || details instanceof InspectionFindingDetails) {
            return null;
        }
        throw unknown(details);
    }

    /** The CRCs the entry names, in its order; empty for a thematic finding about all CRCs. */
    public static List<String> crcIds(EntryDetails details) {
        if (details instanceof ContractAwardDetails award) {
            return single(award.crcId());
        } else if (details instanceof ContractEndDetails end) {
            return single(end.crcId());
        } else if (details instanceof ContractTermChangeDetails change) {
            return ids(change.crcIds());
        } else if (details instanceof JobCutAnnouncementDetails cuts) {
            return ids(cuts.crcs().stream().map(AffectedCrc::crcId).toList());
        } else if (details instanceof InspectionFindingDetails finding) {
            return ids(finding.crcIds());
        }
        throw unknown(details);
    }

    /** True for a thematic finding that names no CRC: it is about all of them. */
    public static boolean coversAllCrcs(EntryDetails details) {
        if (details instanceof InspectionFindingDetails finding) {
            return finding.thematic() && finding.crcIds().isEmpty();
        }
        if (details instanceof ContractAwardDetails || details instanceof ContractEndDetails
                || details instanceof ContractTermChangeDetails || details instanceof JobCutAnnouncementDetails) {
            return false;
        }
        throw unknown(details);
    }

    /** The posts cut: totalPosts if given, else the sum of the CRCs' posts if any gives posts, else null. */
    public static BigDecimal postsCut(JobCutAnnouncementDetails cuts) {
        if (cuts.totalPosts() != null) {
            return cuts.totalPosts().value();
        }
        return cuts.crcs().stream()
                .map(AffectedCrc::posts)
                .filter(Objects::nonNull)
                .map(Posts::value)
                .reduce(BigDecimal::add)
                .orElse(null);
    }

    /** True when the announcement gives no posts at all but a percentage (overall or for a CRC). */
    public static boolean percentageOnly(JobCutAnnouncementDetails cuts) {
        boolean anyPercentage = cuts.percentage() != null
                || cuts.crcs().stream().anyMatch(crc -> crc.percentage() != null);
        return postsCut(cuts) == null && anyPercentage;
    }

    // ---------------------------------------------------------------------------------------------- summary

    /**
     * A one-line summary for journalists, written from the facts only.
     *
     * @param providerId the provider the entry concerns as resolved by the caller (for an end: the holder whose
     *                   contract ended); may be null, then the entry's own provider is used where it names one
     */
    public static String summary(EntryDetails details, String providerId, Names names) {
        String provider = providerId != null ? providerId : providerId(details);
        String providerName = provider == null ? null : names.provider(provider);
        if (details instanceof ContractAwardDetails award) {
            return awardSummary(award, providerName, names);
        } else if (details instanceof ContractEndDetails end) {
            return endSummary(end, providerName, names);
        } else if (details instanceof ContractTermChangeDetails change) {
            return termChangeSummary(change, names);
        } else if (details instanceof JobCutAnnouncementDetails cuts) {
            return jobCutSummary(cuts, providerName, names);
        } else if (details instanceof InspectionFindingDetails finding) {
            return findingSummary(finding, names);
        }
        throw unknown(details);
    }

    private static String awardSummary(ContractAwardDetails award, String providerName, Names names) {
        StringBuilder summary = new StringBuilder(providerName == null ? "A provider" : providerName)
                .append(" awarded the ").append(crcName(award.crcId(), names)).append(" contract");
        if (award.startsOn() != null) {
            summary.append(" from ").append(award.startsOn());
        }
        if (award.plannedEndOn() != null) {
            summary.append(" to ").append(award.plannedEndOn());
        }
        if (award.valueGbp() != null) {
            summary.append(" (").append(gbp(award.valueGbp())).append(')');
        }
        return summary.toString();
    }

    private static String endSummary(ContractEndDetails end, String providerName, Names names) {
        String contract = (providerName == null ? "The " : possessive(providerName) + " ")
                + crcName(end.crcId(), names) + " contract";
        if (end.reason() == null) {
            return contract + " ended";
        }
        return switch (end.reason()) {
            case EXPIRED -> contract + " expired";
            case TERMINATED_EARLY -> contract + " ended early";
            case TRANSFERRED -> contract + " ended: transferred"
                    + (end.successorProviderId() == null ? ""
                    : " to " + names.provider(end.successorProviderId().value()));
        };
    }

    private static String termChangeSummary(ContractTermChangeDetails change, Names names) {
        List<CrcId> crcs = change.crcIds();
        String contracts = crcs.size() == 1
                ? "the " + crcName(crcs.get(0), names) + " contract"
                : crcs.size() + " CRC contracts";
        return "Planned end of " + contracts + " moved to " + change.newPlannedEndOn();
    }

    private static String jobCutSummary(JobCutAnnouncementDetails cuts, String providerName, Names names) {
        StringBuilder summary = new StringBuilder(providerName == null ? "A provider" : providerName)
                .append(" announced ");
        BigDecimal posts = postsCut(cuts);
        BigDecimal percentage = overallPercentage(cuts);
        if (posts != null) {
            summary.append(plain(posts)).append(posts.compareTo(BigDecimal.ONE) == 0 ? " post cut" : " posts cut");
            if (percentage != null) {
                summary.append(" (").append(plain(percentage)).append("%)");
            }
        } else if (percentage != null) {
            summary.append("a ").append(plain(percentage)).append("% staff cut");
        } else {
            summary.append("staff cuts");
        }
        List<AffectedCrc> crcs = cuts.crcs();
        if (crcs.size() > CRCS_NAMED_IN_SUMMARY) {
            summary.append(" across ").append(crcs.size()).append(" CRCs");
        } else if (!crcs.isEmpty()) {
            summary.append(" in ").append(crcs.stream().map(crc -> crcName(crc.crcId(), names))
                    .collect(Collectors.joining(" and ")));
        }
        return summary.toString();
    }

    /** The announcement's percentage, or the CRCs' common percentage when they all give the same one. */
    private static BigDecimal overallPercentage(JobCutAnnouncementDetails cuts) {
        if (cuts.percentage() != null) {
            return cuts.percentage().value();
        }
        List<BigDecimal> perCrc = cuts.crcs().stream().map(AffectedCrc::percentage).filter(Objects::nonNull)
                .map(Percentage::value).map(BigDecimal::stripTrailingZeros).distinct().toList();
        return perCrc.size() == 1 ? perCrc.get(0) : null;
    }

    private static String findingSummary(InspectionFindingDetails finding, Names names) {
        String title = finding.title() == null ? "" : ": " + finding.title();
        List<CrcId> crcs = finding.crcIds();
        String inspected = crcs.size() == 1 ? crcName(crcs.get(0), names) : crcs.size() + " CRCs";
        if (finding.thematic()) {
            return finding.inspectorate() + " thematic report" + title;
        }
        if (finding.rating() != InspectionRating.NONE) {
            return finding.inspectorate() + " rated " + inspected + " " + ratingName(finding.rating()) + title;
        }
        return finding.inspectorate() + " reported on " + inspected + title;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** "Requires improvement" for REQUIRES_IMPROVEMENT, as the inspectorate writes it. */
    private static String ratingName(InspectionRating rating) {
        String words = JsonNames.of(rating).replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** "GBP 600m" for whole millions, else the plain amount ("GBP 1250000.5"). */
    private static String gbp(BigDecimal value) {
        if (value.compareTo(MILLION) >= 0 && value.remainder(MILLION).signum() == 0) {
            return "GBP " + plain(value.divide(MILLION)) + "m";
        }
        return "GBP " + plain(value);
    }

    private static String possessive(String name) {
        return name.endsWith("s") ? name + "'" : name + "'s";
    }

    private static String crcName(CrcId crcId, Names names) {
        return crcId == null ? "unknown CRC" : names.crc(crcId.value());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

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

    private static List<String> single(CrcId crcId) {
        List<String> ids = new ArrayList<>(1);
        if (crcId != null) {
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
