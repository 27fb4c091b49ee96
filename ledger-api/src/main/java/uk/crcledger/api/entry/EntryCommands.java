package uk.crcledger.api.entry;

import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.contract.RecordContractTermChange;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.JsonNames;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.incident.IncidentCategory;
import uk.crcledger.incident.IncidentFigure;
import uk.crcledger.incident.RecordIncidentReport;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.inspection.RecordInspectionFinding;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one mapping from a recording body ({@link EntryBodies}) to the domain's command, for every way an entry comes
 * in (a JSON POST, a row of an imported file). A value the domain's value types refuse is a {@link BadRequest}
 * naming the body's field, e.g. {@code crcs[1].posts}.
 */
public final class EntryCommands {

    private static final Map<EntryType, Class<? extends Record>> BODIES = Collections.unmodifiableMap(
            new EnumMap<>(Map.of(
                    EntryType.CONTRACT_AWARD, EntryBodies.ContractAward.class,
                    EntryType.CONTRACT_END, EntryBodies.ContractEnd.class,
                    EntryType.CONTRACT_TERM_CHANGE, EntryBodies.ContractTermChange.class,
                    EntryType.JOB_CUT_ANNOUNCEMENT, EntryBodies.JobCuts.class,
                    EntryType.INSPECTION_FINDING, EntryBodies.InspectionFinding.class,
                    EntryType.INCIDENT_REPORT, EntryBodies.IncidentReport.class)));

    private EntryCommands() {
    }

    /** The body that records each type of entry. */
    public static Map<EntryType, Class<? extends Record>> bodies() {
        return BODIES;
    }

    /** A new id for an entry the API records: its kind and day, to read, and a random part. */
    static EntryId newId(Record body) {
        return EntryId.of(readablePrefix(body) + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * The readable start of an entry id: a short name of its kind and the day it happened, e.g.
     * {@code job-cuts-2016-01-25}. The date only makes the id readable; a year past 9999 prints as "+10000", which an
     * id may not hold (and the ledger refuses such a date anyway).
     */
    public static String readablePrefix(Record body) {
        LocalDate date = date(body);
        String day = date == null ? "undated" : date.toString().replaceAll("[^0-9-]", "");
        return kind(body) + "-" + day;
    }

    /** The domain's command that records {@code body} as entry {@code id}. */
    public static Object command(EntryId id, Record body) {
        if (body instanceof EntryBodies.ContractAward award) {
            return new RecordContractAward(id, crc("crcId", award.crcId()), provider("providerId", award.providerId()),
                    award.signedOn(), award.startsOn(), award.plannedEndOn(),
                    Numbers.reasonable("valueGbp", award.valueGbp()), award.description(), sources(award.sources()));
        } else if (body instanceof EntryBodies.ContractEnd end) {
            return new RecordContractEnd(id, crc("crcId", end.crcId()), end.endedOn(),
                    named("reason", end.reason(), ContractEndReason.values()),
                    end.successorProviderId() == null ? null
                            : provider("successorProviderId", end.successorProviderId()),
                    sources(end.sources()));
        } else if (body instanceof EntryBodies.ContractTermChange change) {
            return new RecordContractTermChange(id, crcs("crcIds", change.crcIds()), change.announcedOn(),
                    change.newPlannedEndOn(), change.reason(), sources(change.sources()));
        } else if (body instanceof EntryBodies.JobCuts cuts) {
            return jobCuts(id, cuts);
        } else if (body instanceof EntryBodies.InspectionFinding finding) {
            return new RecordInspectionFinding(id, finding.inspectorate(), finding.title(), finding.publishedOn(),
                    crcs("crcIds", finding.crcIds() == null ? List.of() : finding.crcIds()),
                    Boolean.TRUE.equals(finding.thematic()),
                    finding.rating() == null ? InspectionRating.NONE
                            : named("rating", finding.rating(), InspectionRating.values()),
                    finding.findings(), sources(finding.sources()));
        } else if (body instanceof EntryBodies.IncidentReport incident) {
            return incident(id, incident);
        }
        throw new IllegalArgumentException("not a body that records an entry: " + body.getClass().getName());
    }

    private static RecordJobCutAnnouncement jobCuts(EntryId id, EntryBodies.JobCuts body) {
        List<AffectedCrc> affected = new ArrayList<>();
        for (int i = 0; i < body.crcs().size(); i++) {
            EntryBodies.AffectedCrc crc = body.crcs().get(i);
            String field = "crcs[" + i + "]";
            affected.add(new AffectedCrc(crc(field + ".crcId", crc.crcId()),
                    crc.posts() == null ? null : BadRequest.parse(field + ".posts",
                            () -> Posts.of(Numbers.reasonable(field + ".posts", crc.posts()))),
                    crc.percentage() == null ? null
                            : BadRequest.parse(field + ".percentage",
                            () -> Percentage.of(Numbers.reasonable(field + ".percentage", crc.percentage())))));
        }
        return new RecordJobCutAnnouncement(id, provider("providerId", body.providerId()), body.announcedOn(),
                affected,
                body.totalPosts() == null ? null : BadRequest.parse("totalPosts",
                        () -> Posts.of(Numbers.reasonable("totalPosts", body.totalPosts()))),
                body.percentage() == null ? null
                        : BadRequest.parse("percentage",
                        () -> Percentage.of(Numbers.reasonable("percentage", body.percentage()))),
                body.description(), sources(body.sources()));
    }

    private static RecordIncidentReport incident(EntryId id, EntryBodies.IncidentReport body) {
        List<IncidentFigure> figures = new ArrayList<>();
        List<EntryBodies.IncidentFigure> given = body.figures() == null ? List.of() : body.figures();
        for (int i = 0; i < given.size(); i++) {
            EntryBodies.IncidentFigure figure = given.get(i);
            String field = "figures[" + i + "]";
            figures.add(BadRequest.parse(field, () -> new IncidentFigure(figure.measure(),
                    Numbers.reasonable(field + ".value", figure.value()))));
        }
        return new RecordIncidentReport(id, crcs("crcIds", body.crcIds()), body.occurredOn(),
                named("category", body.category(), IncidentCategory.values()), body.summary(),
                body.description(), figures, sources(body.sources()));
    }

    /** The short name of a body's kind in the ids the API makes (kept as the ids have always read). */
    private static String kind(Record body) {
        if (body instanceof EntryBodies.ContractAward) {
            return "award";
        } else if (body instanceof EntryBodies.ContractEnd) {
            return "end";
        } else if (body instanceof EntryBodies.ContractTermChange) {
            return "term-change";
        } else if (body instanceof EntryBodies.JobCuts) {
            return "job-cuts";
        } else if (body instanceof EntryBodies.InspectionFinding) {
            return "finding";
        }
        return "incident";
    }

    private static LocalDate date(Record body) {
        if (body instanceof EntryBodies.ContractAward award) {
            return award.signedOn();
        } else if (body instanceof EntryBodies.ContractEnd end) {
            return end.endedOn();
        } else if (body instanceof EntryBodies.ContractTermChange change) {
            return change.announcedOn();
        } else if (body instanceof EntryBodies.JobCuts cuts) {
            return cuts.announcedOn();
        } else if (body instanceof EntryBodies.InspectionFinding finding) {
            return finding.publishedOn();
        } else if (body instanceof EntryBodies.IncidentReport incident) {
            return incident.occurredOn();
        }
        return null;
    }

    static CrcId crc(String field, String value) {
        return BadRequest.parse(field, () -> CrcId.of(value));
    }

    static ProviderId provider(String field, String value) {
        return BadRequest.parse(field, () -> ProviderId.of(value));
    }

    private static List<CrcId> crcs(String field, List<String> values) {
        List<CrcId> ids = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ids.add(crc(field + "[" + i + "]", values.get(i)));
        }
        return ids;
    }

    private static List<Source> sources(List<SourceBody> bodies) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            sources.add(bodies.get(i).toSource(i));
        }
        return sources;
    }

    private static <E extends Enum<E>> E named(String field, String value, E[] values) {
        for (E candidate : values) {
            if (JsonNames.of(candidate).equals(value)) {
                return candidate;
            }
        }
        throw new BadRequest(field, field + " must be one of "
                + Arrays.stream(values).map(JsonNames::of).toList() + ", was '" + value + "'");
    }
}
