package uk.crcledger.api.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.JsonNames;
import uk.crcledger.timeline.LedgerEntry;
import uk.crcledger.timeline.Revision;
import uk.crcledger.timeline.TimelineItem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.Timeline;
import uk.crcledger.timeline.TimelineFilter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contract awards and ends as Open Contracting Data Standard 1.1 releases, in a release package.
 * <p>
 * One contracting process, and one {@code ocid}, per CRC contract: {@value #OCID_PREFIX}{@code <crcId>-<awardEntryId>}
 * (the prefix is the ledger's own, not one registered with the Open Contracting Partnership). Every revision of the
 * award entry is a release tagged {@code award} and {@code contract} with the buyer (the Ministry of Justice) and
 * the supplier (the provider) in {@code parties}, the award (date signed, value in GBP where known, supplier,
 * contract period) and the contract (period from start to planned end). A contract end is a release tagged
 * {@code contractTermination} on the ocid of the award it ends (the latest award to that provider before it), with
 * the contract {@code terminated}, its period ending on the day it ended, and an amendment giving the reason.
 * A correction of either is a new release (new {@code id}: {@code <entryId>-<revision>}, same ocid); a retraction
 * is a release cancelling the award or the termination's amendment. Release {@code date} is when the ledger
 * recorded that revision. {@code asOf} gives the releases as the ledger stood at that instant.
 */
@RestController
@Tag(name = "Exports", description = "The ledger as CSV, TimelineJS, Atom and OCDS")
public class OcdsReleases {

    static final String OCID_PREFIX = "ocds-crcledger-";
    private static final Set<EntryType> CONTRACT_TYPES = Set.of(EntryType.CONTRACT_AWARD, EntryType.CONTRACT_END);

    private final ReadModelAnswers answers;

    public OcdsReleases(ReadModelAnswers answers) {
        this.answers = answers;
    }

    @GetMapping(path = "/api/ocds/releases", produces = {"application/json", "application/problem+json"})
    @Operation(operationId = "ocdsReleases", summary = "Contract awards and ends as an OCDS 1.1 release package")
    @ApiResponse(responseCode = "200", description = "The release package: one release per revision of each award "
            + "and end")
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
    @ApiResponse(responseCode = "404", description = "No such CRC (then)")
    public OcdsRelease.ReleasePackage releases(@Parameter(description = "Only this CRC's contracts (id)")
                                        @RequestParam(required = false) String crc,
                                        @Parameter(description = "As the ledger knew it at this instant (ISO-8601)")
                                        @RequestParam(required = false) String asOf) {
        LedgerQueries queries = answers.at(asOf);
        TimelineFilter filter = new TimelineFilter(CONTRACT_TYPES, null, null, null, 0, Integer.MAX_VALUE);
        List<String> crcIds = new ArrayList<>();
        if (crc != null) {
            crcIds.add(crc);
        } else {
            queries.crcs().forEach(c -> crcIds.add(c.crcId()));
        }
        List<OcdsRelease.Release> releases = new ArrayList<>();
        for (String crcId : crcIds) {
            var found = queries.crcTimeline(crcId, filter);
            if (crc != null) {
                ReadModelAnswers.found(found, "No CRC " + crcId);
            }
            found.ifPresent(timeline -> releases.addAll(releases(crcId, timeline, queries)));
        }
        return new OcdsRelease.ReleasePackage(ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString(),
                "1.1", Instant.now().toString(), new OcdsRelease.Publisher("CRC Accountability Ledger"), releases);
    }

    private List<OcdsRelease.Release> releases(String crcId, Timeline timeline, LedgerQueries queries) {
        List<OcdsRelease.Release> out = new ArrayList<>();
        Map<String, String> ocidOfLatestAward = new LinkedHashMap<>(); // providerId -> ocid
        Map<String, Map<String, Object>> awardFields = new LinkedHashMap<>(); // ocid -> latest award fields
        for (TimelineItem item : timeline.items()) {
            LedgerEntry entry = queries.entry(item.entryId()).orElse(null);
            if (entry == null) {
                continue;
            }
            String entryId = entry.entryId();
            String providerId = item.providerId();
            String providerName = item.providerName();
            if (item.type() == EntryType.CONTRACT_AWARD) {
                String ocid = OCID_PREFIX + crcId + "-" + entryId;
                ocidOfLatestAward.put(providerId, ocid);
                Map<String, Object> fields = Map.of();
                for (Map<String, Object> revision : revisions(entry)) {
                    if (revision.get("fields") instanceof Map<?, ?> f) {
                        fields = cast(f);
                    }
                    Map<String, Object> known = new LinkedHashMap<>(fields);
                    known.put("awardEntryId", entryId);
                    awardFields.put(ocid, known);
                    out.add(award(ocid, entryId, revision, fields, providerId, providerName));
                }
            } else {
                String ocid = ocidOfLatestAward.get(providerId);
                if (ocid == null) {
                    continue; // an end with no award recorded before it: no contracting process to attach it to
                }
                Map<String, Object> fields = Map.of();
                for (Map<String, Object> revision : revisions(entry)) {
                    if (revision.get("fields") instanceof Map<?, ?> f) {
                        fields = cast(f);
                    }
                    out.add(end(ocid, entryId, revision, fields, awardFields.getOrDefault(ocid, Map.of()),
                            providerId, providerName));
                }
            }
        }
        return out;
    }

    private static OcdsRelease.Release award(String ocid, String entryId, Map<String, Object> revision,
                                             Map<String, Object> fields, String providerId, String providerName) {
        boolean retracted = "retracted".equals(revision.get("kind"));
        String status = retracted ? "cancelled" : "active";
        OcdsRelease.Period period = period(fields.get("startsOn"), fields.get("plannedEndOn"));
        OcdsRelease.Value value = value(fields);
        var award = new OcdsRelease.Award(entryId, status, dateTime(fields.get("signedOn")),
                (String) fields.get("description"), List.of(organisation(providerId, providerName)), value, period);
        var contract = new OcdsRelease.Contract(entryId, entryId, status, period, dateTime(fields.get("signedOn")),
                value, null);
        return release(ocid, entryId, revision,
                retracted ? List.of("awardCancellation") : List.of("award", "contract"), providerId, providerName,
                List.of(award), List.of(contract));
    }

    private static OcdsRelease.Release end(String ocid, String entryId, Map<String, Object> revision,
                                           Map<String, Object> fields, Map<String, Object> awardFields,
                                           String providerId, String providerName) {
        boolean retracted = "retracted".equals(revision.get("kind"));
        String awardId = (String) awardFields.get("awardEntryId");
        var amendment = new OcdsRelease.Amendment(entryId + "-" + revision.get("revision"),
                dateTime(fields.get("endedOn")),
                retracted ? "The record of this contract's end was retracted: " + revision.get("reason")
                        : "Contract ended: " + fields.get("reason"),
                (String) revision.get("summary"));
        var contract = new OcdsRelease.Contract(awardId, awardId, retracted ? "active" : "terminated",
                period(awardFields.get("startsOn"), retracted ? awardFields.get("plannedEndOn") : fields.get("endedOn")),
                null, null, List.of(amendment));
        return release(ocid, entryId, revision, List.of(retracted ? "contractUpdate" : "contractTermination"),
                providerId, providerName, null, List.of(contract));
    }

    private static OcdsRelease.Release release(String ocid, String entryId, Map<String, Object> revision,
                                               List<String> tag, String providerId, String providerName,
                                               List<OcdsRelease.Award> awards, List<OcdsRelease.Contract> contracts) {
        OcdsRelease.OrganizationReference buyer = organisation("moj", "Ministry of Justice");
        OcdsRelease.OrganizationReference supplier = organisation(providerId, providerName);
        return new OcdsRelease.Release(ocid, entryId + "-" + revision.get("revision"),
                (String) revision.get("recordedAt"), tag, "tender", "en",
                List.of(new OcdsRelease.Party(buyer.id(), buyer.name(), List.of("buyer")),
                        new OcdsRelease.Party(supplier.id(), supplier.name(), List.of("supplier"))),
                buyer, awards, contracts);
    }

    /** The entry's revisions as the plain values a release is written from. */
    private static List<Map<String, Object>> revisions(LedgerEntry entry) {
        List<Map<String, Object>> revisions = new ArrayList<>();
        for (Revision r : entry.revisions()) {
            Map<String, Object> revision = new LinkedHashMap<>();
            revision.put("revision", r.revision());
            revision.put("kind", JsonNames.of(r.kind()));
            revision.put("recordedAt", r.recordedAt().toString());
            revision.put("reason", r.reason());
            revision.put("summary", r.summary());
            revision.put("fields", r.fields());
            revisions.add(revision);
        }
        return revisions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static OcdsRelease.OrganizationReference organisation(String id, String name) {
        return new OcdsRelease.OrganizationReference(id == null ? "unknown" : id, name == null ? id : name);
    }

    private static OcdsRelease.Value value(Map<String, Object> fields) {
        return fields.get("valueGbp") instanceof Number amount ? new OcdsRelease.Value(amount instanceof BigDecimal decimal ? decimal
                : new BigDecimal(amount.toString()), "GBP") : null;
    }

    private static OcdsRelease.Period period(Object start, Object end) {
        return new OcdsRelease.Period(dateTime(start), dateTime(end));
    }

    private static String dateTime(Object isoDate) {
        return isoDate == null ? null : isoDate + "T00:00:00Z";
    }
}
