package uk.crcledger.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractAwarded;
import uk.crcledger.contract.Crc;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.inspection.InspectionFindingPublished;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.jobcut.JobCutsAnnounced;
import uk.crcledger.provider.ProviderRegistered;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic ledger at a chosen size, as the domain events the command side would store (fixed seed):
 * CRCs and providers scaled up, one award per CRC, then job cuts (60%), findings (25%), corrections
 * (10%) and retractions (5%). One CRC ({@link #BUSY_CRC}) gets {@code busyEntries} of the entries, to
 * measure a CRC with a long history.
 */
public final class LedgerGenerator {

    public static final String BUSY_CRC = "crc-0";
    private static final RecordedBy GENERATOR = RecordedBy.of("generator");
    private static final List<Source> SOURCES = List.of(new Source("Generated source", "Bench", "https://example.org/s",
            null, LocalDate.of(2016, 1, 1)));

    private final Random random = new Random(20150201);
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> events = new ArrayList<>();

    /** Events to append in this order (each one commit). */
    public static List<DomainEventMessage<?>> generate(int size, int busyEntries) {
        return new LedgerGenerator().build(size, busyEntries);
    }

    private List<DomainEventMessage<?>> build(int size, int busyEntries) {
        int crcs = Math.max(21, size / 2_000);
        int providers = Math.max(8, crcs / 3);
        for (int p = 0; p < providers; p++) {
            add("Provider", "provider-" + p, new ProviderRegistered(ProviderId.of("provider-" + p), "Provider " + p,
                    "private", List.of("Member " + p), GENERATOR));
        }
        for (int c = 0; c < crcs; c++) {
            String crc = "crc-" + c;
            add("Crc", crc, new CrcRegistered(CrcId.of(crc), "CRC " + c, null, GENERATOR));
            ProviderId holder = ProviderId.of("provider-" + (c % providers));
            EntryId award = EntryId.of("award-" + crc);
            add("Crc", crc, ContractAwarded.of(award, new ContractAwardDetails(CrcId.of(crc), holder,
                    LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31), null, null,
                    SOURCES), GENERATOR));
        }
        List<String[]> created = new ArrayList<>();
        int n = 0;
        while (events.size() < size) {
            n++;
            int c = n <= busyEntries ? 0 : random.nextInt(crcs);
            String crc = "crc-" + c;
            ProviderId holder = ProviderId.of("provider-" + (c % providers));
            LocalDate day = LocalDate.of(2015, 3, 1).plusDays(random.nextInt(2_000));
            int kind = random.nextInt(100);
            if (kind < 60 || created.isEmpty()) {
                EntryId id = EntryId.of("cuts-" + n);
                JobCutAnnouncementDetails details = new JobCutAnnouncementDetails(holder, day,
                        List.of(AffectedCrc.of(CrcId.of(crc), Posts.of(String.valueOf(1 + random.nextInt(200))))),
                        null, random.nextBoolean() ? Percentage.of(String.valueOf(1 + random.nextInt(40))) : null,
                        "generated job cuts " + n, SOURCES);
                add("JobCutAnnouncement", id.value(), JobCutsAnnounced.of(id, details, GENERATOR));
                created.add(new String[] {id.value(), "cuts", crc, holder.value(), day.toString()});
            } else if (kind < 85) {
                EntryId id = EntryId.of("finding-" + n);
                InspectionRating rating = InspectionRating.values()[random.nextInt(InspectionRating.values().length)];
                InspectionFindingDetails details = new InspectionFindingDetails("HM Inspectorate of Probation",
                        "Inspection " + n, day, List.of(CrcId.of(crc)), false, rating, "generated finding " + n, SOURCES);
                add("InspectionFinding", id.value(), InspectionFindingPublished.of(id, details, GENERATOR));
                created.add(new String[] {id.value(), "finding", crc, holder.value(), day.toString()});
            } else if (kind < 95) {
                String[] target = created.get(random.nextInt(created.size()));
                if ("cuts".equals(target[1])) {
                    JobCutAnnouncementDetails corrected = new JobCutAnnouncementDetails(ProviderId.of(target[3]),
                            LocalDate.parse(target[4]), List.of(AffectedCrc.of(CrcId.of(target[2]),
                            Posts.of(String.valueOf(1 + random.nextInt(200))))), null, null, "corrected " + n, SOURCES);
                    add("JobCutAnnouncement", target[0], new EntryCorrected(EntryId.of(target[0]),
                            EntryType.JOB_CUT_ANNOUNCEMENT, corrected, List.of("crcs", "percentage", "description"),
                            "corrected figure", GENERATOR, LocalDate.of(2026, 1, 1)));
                }
            } else {
                String[] target = created.remove(random.nextInt(created.size()));
                add("cuts".equals(target[1]) ? "JobCutAnnouncement" : "InspectionFinding", target[0],
                        new EntryRetracted(EntryId.of(target[0]), "cuts".equals(target[1])
                                ? EntryType.JOB_CUT_ANNOUNCEMENT : EntryType.INSPECTION_FINDING, "generated retraction",
                                GENERATOR, LocalDate.of(2026, 1, 2)));
            }
        }
        return events;
    }

    private void add(String type, String aggregateId, Object payload) {
        long seq = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        events.add(new GenericDomainEventMessage<>(type, aggregateId, seq, payload));
    }
}
