package uk.crcledger.jobcut;

import com.fasterxml.jackson.annotation.JsonIgnore;
import uk.crcledger.entry.Changes;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.entry.SummaryWording;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a job-cut announcement says. A cut is only worth recording with a size: posts (in total or for some CRCs)
 * or a percentage, or both.
 *
 * @param totalPosts optional; when given it may not be less than the per-CRC posts together
 * @param percentage optional share of staff across the named CRCs
 */
public record JobCutAnnouncementDetails(ProviderId providerId, LocalDate announcedOn, List<AffectedCrc> crcs,
                                        Posts totalPosts, Percentage percentage, String description,
                                        List<Source> sources) implements EntryDetails {

    public static final Set<String> NOT_CORRECTABLE = Set.of("entryId");
    public static final Set<String> CORRECTABLE = Set.of("providerId", "announcedOn", "crcs", "totalPosts", "percentage",
            "description", "sources");
    /** Up to this many CRCs a summary names them; more are counted. */
    private static final int CRCS_NAMED_IN_SUMMARY = 3;
    private static final Set<String> CRC_FIELDS = new LinkedHashSet<>(List.of("crcId", "posts", "percentage"));

    public JobCutAnnouncementDetails {
        crcs = EntryRules.copy("crcs", crcs);
        description = EntryRules.blankToNull(description);
        sources = EntryRules.copy("sources", sources);
    }

    @Override
    public Set<String> correctableFields() {
        return CORRECTABLE;
    }

    @Override
    public EntryType type() {
        return EntryType.JOB_CUT_ANNOUNCEMENT;
    }

    @Override
    public void check(LocalDate today) {
        EntryRules.require("providerId", providerId);
        EntryRules.require("announcedOn", announcedOn);
        EntryRules.requireCrcs("a job-cut announcement", "crcs", crcs.stream().map(AffectedCrc::crcId).toList());
        EntryRules.requireText("description", description);
        EntryRules.requireSources(sources);
        boolean anyPosts = totalPosts != null || crcs.stream().anyMatch(c -> c.posts() != null);
        boolean anyPercentage = percentage != null || crcs.stream().anyMatch(c -> c.percentage() != null);
        if (!anyPosts && !anyPercentage) {
            throw new InvalidEntryException("a job-cut announcement needs posts (totalPosts or posts of a CRC)"
                    + " or a percentage");
        }
        BigDecimal perCrc = crcs.stream().map(AffectedCrc::posts).filter(p -> p != null).map(Posts::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (totalPosts != null && totalPosts.value().compareTo(perCrc) < 0) {
            throw new InvalidEntryException("totalPosts " + totalPosts + " is less than the posts of the CRCs"
                    + " together, " + perCrc.toPlainString());
        }
        EntryRules.requireNotAfter(today, "announcedOn", announcedOn);
        EntryRules.requireSourcesNotAfter(today, sources);
    }

    @Override
    public LocalDate occurredOn() {
        return announcedOn;
    }

    @Override
    public List<CrcId> crcIds() {
        return crcs.stream().map(AffectedCrc::crcId).toList();
    }

    @Override
    public Optional<ProviderId> namedProvider() {
        return Optional.ofNullable(providerId);
    }

    /** The posts cut: totalPosts if given, else the sum of the CRCs' posts if any gives posts, else null. */
    @JsonIgnore
    public BigDecimal postsCut() {
        if (totalPosts != null) {
            return totalPosts.value();
        }
        return crcs.stream()
                .map(AffectedCrc::posts)
                .filter(Objects::nonNull)
                .map(Posts::value)
                .reduce(BigDecimal::add)
                .orElse(null);
    }

    /** True when the announcement gives no posts at all but a percentage (overall or for a CRC). */
    @JsonIgnore
    public boolean percentageOnly() {
        boolean anyPercentage = percentage != null || crcs.stream().anyMatch(crc -> crc.percentage() != null);
        return postsCut() == null && anyPercentage;
    }

    /** "Sodexo Justice Services announced 307.6 posts cut in Cumbria and Lancashire and South Yorkshire". */
    @Override
    public String summary(ProviderId concerned, Names names) {
        StringBuilder summary = new StringBuilder(providerNameOr("A provider", concerned, names))
                .append(" announced ");
        BigDecimal posts = postsCut();
        BigDecimal overall = overallPercentage();
        if (posts != null) {
            summary.append(SummaryWording.plain(posts))
                    .append(posts.compareTo(BigDecimal.ONE) == 0 ? " post cut" : " posts cut");
            if (overall != null) {
                summary.append(" (").append(SummaryWording.plain(overall)).append("%)");
            }
        } else if (overall != null) {
            summary.append("a ").append(SummaryWording.plain(overall)).append("% staff cut");
        } else {
            summary.append("staff cuts");
        }
        if (crcs.size() > CRCS_NAMED_IN_SUMMARY) {
            summary.append(" across ").append(crcs.size()).append(" CRCs");
        } else if (!crcs.isEmpty()) {
            summary.append(" in ").append(crcs.stream().map(crc -> SummaryWording.crcName(crc.crcId(), names))
                    .collect(Collectors.joining(" and ")));
        }
        return summary.toString();
    }

    private String providerNameOr(String unknown, ProviderId concerned, Names names) {
        String name = SummaryWording.providerName(concerned, this, names);
        return name == null ? unknown : name;
    }

    /** The announcement's percentage, or the CRCs' common percentage when they all give the same one. */
    private BigDecimal overallPercentage() {
        if (percentage != null) {
            return percentage.value();
        }
        List<BigDecimal> perCrc = crcs.stream().map(AffectedCrc::percentage).filter(Objects::nonNull)
                .map(Percentage::value).map(BigDecimal::stripTrailingZeros).distinct().toList();
        return perCrc.size() == 1 ? perCrc.get(0) : null;
    }

    @Override
    public JobCutAnnouncementDetails correctedWith(Changes changes) {
        return new JobCutAnnouncementDetails(
                changes.id("providerId", ProviderId.class, ProviderId::of, providerId),
                changes.date("announcedOn", announcedOn),
                changes.list("crcs", JobCutAnnouncementDetails::readCrc, crcs),
                changes.posts("totalPosts", totalPosts),
                changes.percentage("percentage", percentage),
                changes.text("description", description),
                changes.sources(sources));
    }

    /** Reads one item of "crcs": {@code {crcId, posts, percentage}}. */
    private static AffectedCrc readCrc(String path, Object raw) {
        if (raw instanceof AffectedCrc crc) {
            return crc;
        }
        Map<String, Object> fields = Changes.readObject(path, raw, CRC_FIELDS);
        CrcId crcId = Changes.readId(path + ".crcId", fields.get("crcId"), CrcId.class, CrcId::of);
        if (crcId == null) {
            throw new InvalidEntryException("field '" + path + ".crcId' is required");
        }
        return new AffectedCrc(crcId, Changes.readPosts(path + ".posts", fields.get("posts")),
                Changes.readPercentage(path + ".percentage", fields.get("percentage")));
    }
}
