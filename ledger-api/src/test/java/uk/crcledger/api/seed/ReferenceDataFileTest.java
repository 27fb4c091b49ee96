package uk.crcledger.api.seed;

import org.junit.jupiter.api.Test;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.contract.RecordContractTermChange;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.incident.IncidentCategory;
import uk.crcledger.incident.RecordIncidentReport;
import uk.crcledger.inspection.RecordInspectionFinding;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.provider.RegisterProvider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed file: it parses into valid commands, in an order the ledger's rules accept. */
class ReferenceDataFileTest {

    private final ReferenceLedger seed = ReferenceLedger.load();
    private final Map<String, SeedEntry> byId = seed.entries().stream()
            .collect(Collectors.toMap(e -> e.entryId().value(), Function.identity()));

    @Test
    void holdsTheReferenceRegistrationsAndEntries() {
        assertThat(seed.providers()).hasSize(8);
        assertThat(seed.crcs()).hasSize(21);
        assertThat(seed.entries()).hasSize(62);
        assertThat(seed.commands()).hasSize(91);
        assertThat(seed.entries().stream().collect(Collectors.groupingBy(e -> e.details().type(),
                Collectors.counting()))).containsExactlyInAnyOrderEntriesOf(Map.of(
                EntryType.CONTRACT_AWARD, 21L,
                EntryType.JOB_CUT_ANNOUNCEMENT, 6L,
                EntryType.INSPECTION_FINDING, 7L,
                EntryType.INCIDENT_REPORT, 3L,
                EntryType.CONTRACT_TERM_CHANGE, 1L,
                EntryType.CONTRACT_END, 24L));
    }

    @Test
    void everyEntryPassesItsOwnRulesAndHasSourcesAReaderCanFind() {
        LocalDate today = LocalDate.now(LedgerClock.ZONE);
        for (SeedEntry entry : seed.entries()) {
            entry.details().check(today);
            assertThat(entry.details().sources()).as("sources of %s", entry).isNotEmpty()
                    .allSatisfy(source -> assertThat(source.documentReference() != null || source.url() != null)
                            .isTrue())
                    .allSatisfy(source -> assertThat(source.publisher()).isNotBlank());
        }
    }

    @Test
    void entryIdsAreUniqueAndEntriesComeInDateOrder() {
        assertThat(byId).hasSameSizeAs(seed.entries());
        assertThat(seed.entries()).isSortedAccordingTo(Comparator.comparing(SeedEntry::date));
        assertThat(byId).containsKeys("award-2014-12-18-west-yorkshire", "job-cuts-2015-03-27-sodexo-nacro",
                "finding-2019-02-15-ddc", "transfer-2019-02-15-ddc", "term-change-2018-07-27",
                "end-2021-06-26-london");
    }

    @Test
    void entriesNameOnlyRegisteredCrcsAndProviders() {
        Set<CrcId> crcs = seed.crcs().stream().map(RegisterCrc::crcId).collect(Collectors.toSet());
        Set<ProviderId> providers = seed.providers().stream().map(RegisterProvider::providerId)
                .collect(Collectors.toSet());
        Set<CrcId> named = new HashSet<>();
        Set<ProviderId> namedProviders = new HashSet<>();
        for (Object command : seed.commands()) {
            if (command instanceof RecordContractAward c) {
                named.add(c.crcId());
                namedProviders.add(c.providerId());
            } else if (command instanceof RecordContractEnd c) {
                named.add(c.crcId());
                if (c.successorProviderId() != null) {
                    namedProviders.add(c.successorProviderId());
                }
            } else if (command instanceof RecordContractTermChange c) {
                named.addAll(c.crcIds());
            } else if (command instanceof RecordJobCutAnnouncement c) {
                c.crcs().forEach(crc -> named.add(crc.crcId()));
                namedProviders.add(c.providerId());
            } else if (command instanceof RecordInspectionFinding c) {
                named.addAll(c.crcIds());
            } else if (command instanceof RecordIncidentReport c) {
                named.addAll(c.crcIds());
            }
        }
        assertThat(crcs).containsAll(named);
        assertThat(providers).containsAll(namedProviders);
    }

    @Test
    void mapsTheReferenceRowsAsTheReadmeSays() {
        RecordContractAward award = command("award-2014-12-18-west-yorkshire", RecordContractAward.class);
        assertThat(award.providerId()).isEqualTo(ProviderId.of("purple-futures"));
        assertThat(List.of(award.signedOn(), award.startsOn(), award.plannedEndOn())).containsExactly(
                LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31));
        assertThat(award.valueGbp()).isNull();
        assertThat(award.description()).contains("about GBP 600m over 7 years");
        assertThat(award.sources()).extracting(Source::publisher).containsExactly("Interserve", "UK Parliament");

        RecordJobCutAnnouncement sodexo = command("job-cuts-2015-03-27-sodexo-nacro",
                RecordJobCutAnnouncement.class);
        assertThat(sodexo.crcs()).containsExactly(
                new AffectedCrc(CrcId.of("cumbria-lancashire"), Posts.of("123"), Percentage.of("30")),
                new AffectedCrc(CrcId.of("south-yorkshire"), Posts.of("184.6"), Percentage.of("36")));
        assertThat(command("job-cuts-2016-01-25-rrp", RecordJobCutAnnouncement.class).percentage())
                .isEqualTo(Percentage.of("10"));
        RecordJobCutAnnouncement approximate = command("job-cuts-2015-06-30-sodexo-nacro",
                RecordJobCutAnnouncement.class);
        assertThat(approximate.totalPosts()).isEqualTo(Posts.of("436"));
        assertThat(approximate.description()).contains("Confidence: approximate date");
        assertThat(approximate.sources()).extracting(Source::title)
                .containsExactly("Lancashire Evening Post", "Morning Star");

        RecordIncidentReport selfHarm = command("incident-2016-01-20-bgsw", RecordIncidentReport.class);
        assertThat(selfHarm.category()).isEqualTo(IncidentCategory.RISK_MANAGEMENT);
        assertThat(selfHarm.crcIds()).containsExactly(CrcId.of("bgsw"));
        assertThat(selfHarm.summary()).startsWith("a dreadful self-harm case in Bristol");
        assertThat(selfHarm.description()).contains("Confidence: approximate date");
        assertThat(selfHarm.sources()).extracting(Source::publisher).containsExactly("Napo");
        assertThat(command("incident-2016-01-20-wales", RecordIncidentReport.class).category())
                .isEqualTo(IncidentCategory.UNPAID_WORK);
        assertThat(command("incident-2016-01-20-hlny", RecordIncidentReport.class).summary())
                .contains("local pub");

        RecordInspectionFinding thematic = command("finding-2015-11-19-thematic", RecordInspectionFinding.class);
        assertThat(thematic.thematic()).isTrue();
        assertThat(thematic.crcIds()).isEmpty();
        assertThat(thematic.rating()).isEqualTo(InspectionRating.NONE);
        assertThat(command("finding-2019-02-15-ddc", RecordInspectionFinding.class).rating())
                .isEqualTo(InspectionRating.INADEQUATE);

        RecordContractEnd transfer = command("transfer-2019-02-15-ddc", RecordContractEnd.class);
        assertThat(transfer.reason()).isEqualTo(ContractEndReason.TRANSFERRED);
        assertThat(transfer.successorProviderId()).isEqualTo(ProviderId.of("seetec"));
        assertThat(transfer.sources()).first().satisfies(source -> {
            assertThat(source.publisher()).isEqualTo("PCS");
            assertThat(source.publishedOn()).isEqualTo(LocalDate.of(2019, 2, 20));
        });

        RecordContractTermChange change = command("term-change-2018-07-27", RecordContractTermChange.class);
        assertThat(change.crcIds()).hasSize(21);
        assertThat(change.newPlannedEndOn()).isEqualTo(LocalDate.of(2020, 12, 31));

        assertThat(seed.entries()).filteredOn(e -> e.entryId().value().startsWith("end-2021-06-26-"))
                .hasSize(21)
                .extracting(e -> (ContractEndDetails) e.details())
                .allSatisfy(end -> {
                    assertThat(end.reason()).isEqualTo(ContractEndReason.TERMINATED_EARLY);
                    assertThat(end.successorProviderId()).isNull();
                });
        assertThat(seed.crcs()).contains(new RegisterCrc(CrcId.of("bench"), "Bedfordshire, Northamptonshire,"
                + " Cambridgeshire and Hertfordshire", "BeNCH"), new RegisterCrc(CrcId.of("essex"), "Essex", null));
        assertThat(seed.providers()).contains(new RegisterProvider(ProviderId.of("rrp"),
                "Reducing Reoffending Partnership", "private-led partnership", List.of("Ingeus UK", "St Giles Trust",
                "Crime Reduction Initiatives (renamed Change Grow Live in 2016)")));
    }

    @Test
    void refusesAnEntryItCannotMapNamingIt() {
        assertThatThrownBy(() -> read("""
                {"providers": [], "crcs": [], "entries": [
                  {"type": "contract-award", "entryId": "award-x", "crcId": "essex", "colour": "red"}]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 0 (award-x) is not a valid contract-award")
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> read("""
                {"providers": [], "crcs": [], "entries": [{"type": "rumour", "entryId": "r-1"}]}"""))
                .hasMessageContaining("entry 0 (r-1) has unknown type \"rumour\"");
    }

    @Test
    void readsAnEntryAsItsCommand() {
        ReferenceLedger small = read("""
                {"providers": [{"providerId": "seetec", "name": "Seetec", "kind": "private", "members": ["Seetec"]}],
                 "crcs": [{"crcId": "kss", "name": "Kent, Surrey and Sussex", "abbreviation": "KSS"}],
                 "entries": [{"type": "contract-end", "entryId": "end-kss", "crcId": "kss", "endedOn": "2021-06-26",
                   "reason": "terminated-early", "successorProviderId": null,
                   "sources": [{"title": "PQ HL887", "documentReference": "Parliamentary question HL887"}]}]}""");
        assertThat(small.commands()).containsExactly(
                new RegisterProvider(ProviderId.of("seetec"), "Seetec", "private", List.of("Seetec")),
                new RegisterCrc(CrcId.of("kss"), "Kent, Surrey and Sussex", "KSS"),
                new RecordContractEnd(EntryId.of("end-kss"), CrcId.of("kss"), LocalDate.of(2021, 6, 26),
                        ContractEndReason.TERMINATED_EARLY, null,
                        List.of(Source.document("PQ HL887", "Parliamentary question HL887"))));
    }

    private <T> T command(String entryId, Class<T> type) {
        assertThat(byId).containsKey(entryId);
        return type.cast(byId.get(entryId).command());
    }

    private static ReferenceLedger read(String json) {
        return ReferenceLedger.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
