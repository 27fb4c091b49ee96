package uk.crcledger.kinds;

import org.axonframework.modelling.command.Repository;
import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractTermChange;
import uk.crcledger.contract.ContractTermChangeDetails;
import uk.crcledger.contract.Crc;
import uk.crcledger.correction.EntryRevisions;
import uk.crcledger.correction.Revisable;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryType;
import uk.crcledger.incident.IncidentReport;
import uk.crcledger.incident.IncidentReportDetails;
import uk.crcledger.inspection.InspectionFinding;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.jobcut.JobCutAnnouncement;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalogue of entry kinds: for each {@link EntryType}, the class of its details and the aggregate that holds
 * its entries. The one place that names every kind, so the packages below it (the kinds, corrections) need not
 * name each other. A new kind of entry needs its own package, a constant in {@link EntryType} and one line here.
 */
public final class EntryKinds {

    /** One kind of entry: what its details are and which aggregate keeps, corrects and retracts them. */
    public record Kind(EntryType type, Class<? extends EntryDetails> details, Class<? extends Revisable> aggregate) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(EntryType.CONTRACT_AWARD, ContractAwardDetails.class, Crc.class),
            new Kind(EntryType.CONTRACT_END, ContractEndDetails.class, Crc.class),
            new Kind(EntryType.CONTRACT_TERM_CHANGE, ContractTermChangeDetails.class, ContractTermChange.class),
            new Kind(EntryType.JOB_CUT_ANNOUNCEMENT, JobCutAnnouncementDetails.class, JobCutAnnouncement.class),
            new Kind(EntryType.INSPECTION_FINDING, InspectionFindingDetails.class, InspectionFinding.class),
            new Kind(EntryType.INCIDENT_REPORT, IncidentReportDetails.class, IncidentReport.class));

    static {
        // A type without a kind would be stored but could not be read back or corrected: fail at start instead.
        Set<EntryType> listed = EnumSet.noneOf(EntryType.class);
        KINDS.forEach(kind -> listed.add(kind.type()));
        if (!listed.containsAll(Arrays.asList(EntryType.values())) || listed.size() != KINDS.size()) {
            throw new IllegalStateException("EntryKinds must list each EntryType once, lists " + listed);
        }
    }

    private EntryKinds() {
    }

    /** Every kind, in {@link EntryType} order. */
    public static List<Kind> all() {
        return KINDS;
    }

    /**
     * The JSON type name of each kind's details (its {@link EntryType#jsonName()}, e.g. "job-cut-announcement") to
     * the details class: what a serializer registers so {@code EntryCorrected.correctedDetails} reads and writes as
     * it always has.
     */
    public static Map<String, Class<? extends EntryDetails>> detailsTypes() {
        Map<String, Class<? extends EntryDetails>> types = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            types.put(kind.type().jsonName(), kind.details());
        }
        return Collections.unmodifiableMap(types);
    }

    /** The aggregate that holds each type of entry. */
    public static Map<EntryType, Class<? extends Revisable>> aggregateTypes() {
        Map<EntryType, Class<? extends Revisable>> types = new EnumMap<>(EntryType.class);
        for (Kind kind : KINDS) {
            types.put(kind.type(), kind.aggregate());
        }
        return Collections.unmodifiableMap(types);
    }

    /** The aggregate classes that hold entries, each once (awards and ends share the CRC's). */
    public static Set<Class<? extends Revisable>> aggregates() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(aggregateTypes().values()));
    }

    /**
     * The correction router for every kind, taking each aggregate's repository from {@code repositoryOf}, e.g.
     * {@code type -> configuration.repository(type)}.
     */
    public static EntryRevisions revisions(EntryDirectory directory,
                                           Function<Class<? extends Revisable>,
                                                   ? extends Repository<? extends Revisable>> repositoryOf) {
        Map<EntryType, Repository<? extends Revisable>> repositories = new EnumMap<>(EntryType.class);
        aggregateTypes().forEach((type, aggregate) -> repositories.put(type, repositoryOf.apply(aggregate)));
        return new EntryRevisions(directory, repositories);
    }
}
