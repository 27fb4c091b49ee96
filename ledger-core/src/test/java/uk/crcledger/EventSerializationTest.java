package uk.crcledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractAwarded;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.ContractEnded;
import uk.crcledger.contract.ContractTermChangeDetails;
import uk.crcledger.contract.ContractTermChanged;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.incident.IncidentCategory;
import uk.crcledger.incident.IncidentFigure;
import uk.crcledger.incident.IncidentReportDetails;
import uk.crcledger.incident.IncidentReported;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.inspection.InspectionFindingPublished;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.jobcut.JobCutsAnnounced;
import uk.crcledger.kinds.EntryKinds;
import uk.crcledger.provider.ProviderRegistered;
import uk.crcledger.withholding.PayloadWithheld;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.TestLedger.*;

/** Every event survives Axon's JacksonSerializer (Jackson 2 with JavaTimeModule) unchanged. */
class EventSerializationTest {

    private static final ObjectMapper AXON_LIKE =
            withEntryKinds(new ObjectMapper().registerModule(new JavaTimeModule()));
    /** Configured as the event store's mapper ({@code LedgerSerializers}): ISO dates, the kinds' type names. */
    private static final ObjectMapper STORE_LIKE = withEntryKinds(new ObjectMapper()
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    /** The JSON these events were stored as before the entry interfaces and the kinds catalogue existed. */
    private static final String STORED_JSON = "stored-event-json.txt";
    private static final EntryId ID = EntryId.of("entry-1");
    private static final LocalDate DAY = LocalDate.of(2016, 1, 20);
    private static final List<AffectedCrc> CRCS = List.of(
            new AffectedCrc(CUMBRIA_LANCASHIRE, Posts.of("123"), Percentage.of("30")),
            AffectedCrc.of(SOUTH_YORKSHIRE, Posts.of("184.6")),
            AffectedCrc.of(WEST_YORKSHIRE));
    private static final List<uk.crcledger.entry.Source> TWO_SOURCES = List.of(PARLIAMENTARY_QUESTION,
            NAPO_PRESS_RELEASE);

    /** As {@code LedgerSerializers.objectMapper()} does: the details' JSON type names come from the catalogue. */
    private static ObjectMapper withEntryKinds(ObjectMapper mapper) {
        EntryKinds.detailsTypes().forEach((name, details) -> mapper.registerSubtypes(new NamedType(details, name)));
        return mapper;
    }

    static Stream<Object> events() {
        return Stream.of(
                new CrcRegistered(HLNY, "Humberside, Lincolnshire and North Yorkshire", "HLNY", ALICE),
                new CrcRegistered(WALES, "Wales", null, ALICE),
                new ProviderRegistered(PURPLE_FUTURES, "Purple Futures", "private-led consortium",
                        List.of("Interserve (80% of shares)", "3SC"), ALICE),
                new ContractAwarded(ID, WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON, SHARE_SALE, SEVEN_YEARS_LATER,
                        new BigDecimal("600000000.50"), "about GBP 600m", TWO_SOURCES, ALICE),
                new ContractEnded(ID, DDC, WORKING_LINKS, WORKING_LINKS_COLLAPSE, ContractEndReason.TRANSFERRED,
                        SEETEC, TWO_SOURCES, ALICE),
                new ContractEnded(ID, DDC, SEETEC, REUNIFICATION, ContractEndReason.EXPIRED, null, TWO_SOURCES,
                        ALICE),
                new ContractTermChanged(ID, List.of(DDC, WALES), LocalDate.of(2018, 7, 27),
                        LocalDate.of(2020, 12, 31), "14 months early", TWO_SOURCES, ALICE),
                new JobCutsAnnounced(ID, SODEXO_NACRO, DAY, CRCS, Posts.of("436"), Percentage.of("36.5"),
                        "cuts", TWO_SOURCES, ALICE),
                new InspectionFindingPublished(ID, "HM Inspectorate of Probation", "TR4", DAY, List.of(), true,
                        InspectionRating.NONE, "transitional issues remain", TWO_SOURCES, ALICE),
                new InspectionFindingPublished(ID, "HM Inspectorate of Probation", "DDC", DAY, List.of(DDC), false,
                        InspectionRating.REQUIRES_IMPROVEMENT, null, TWO_SOURCES, ALICE),
                new IncidentReported(ID, List.of(WALES, HLNY), DAY, IncidentCategory.UNPAID_WORK, "not attending",
                        null, List.of(new IncidentFigure("clients not attending", new BigDecimal("120.5"))),
                        TWO_SOURCES, ALICE),
                corrected(new ContractAwardDetails(WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON, SHARE_SALE,
                        SEVEN_YEARS_LATER, BigDecimal.TEN, null, TWO_SOURCES)),
                corrected(new ContractEndDetails(DDC, WORKING_LINKS_COLLAPSE, ContractEndReason.TRANSFERRED, SEETEC,
                        TWO_SOURCES)),
                corrected(new ContractTermChangeDetails(List.of(DDC), DAY, DAY.plusYears(4), "plan", TWO_SOURCES)),
                corrected(new JobCutAnnouncementDetails(SODEXO_NACRO, DAY, CRCS, null, Percentage.of("40"), "cuts",
                        TWO_SOURCES)),
                corrected(new InspectionFindingDetails(null, "TR3", DAY, List.of(), true, null, null, TWO_SOURCES)),
                corrected(new IncidentReportDetails(List.of(DDC), DAY, IncidentCategory.IT, "system down",
                        "no records for a week", List.of(), TWO_SOURCES)),
                new EntryRetracted(ID, EntryType.JOB_CUT_ANNOUNCEMENT, "recorded in error", ALICE, TODAY),
                new PayloadWithheld(ID, 42, "court order", "QB-2026-000123", ALICE),
                new PayloadWithheld(ID, 7, "court order", null, ALICE));
    }

    private static EntryCorrected corrected(uk.crcledger.entry.EntryDetails details) {
        return new EntryCorrected(ID, details.type(), details, List.of("sources"), "better source", ALICE, TODAY);
    }

    @ParameterizedTest
    @MethodSource("events")
    void round_trips_unchanged(Object event) throws Exception {
        String json = AXON_LIKE.writeValueAsString(event);
        Object read = AXON_LIKE.readValue(json, event.getClass());
        assertThat(read).as(json).isEqualTo(event);
    }

    @Test
    void writes_ids_enums_and_figures_as_plain_json_values() throws Exception {
        String json = AXON_LIKE.writeValueAsString(new JobCutsAnnounced(ID, SODEXO_NACRO, DAY, CRCS, null, null,
                "cuts", TWO_SOURCES, ALICE));
        assertThat(json).contains("\"providerId\":\"sodexo-nacro\"", "\"posts\":184.6", "\"percentage\":30",
                "\"recordedBy\":\"alice\"", "\"entryId\":\"entry-1\"");
        String corrected = AXON_LIKE.writeValueAsString(corrected(new ContractEndDetails(DDC,
                WORKING_LINKS_COLLAPSE, ContractEndReason.TERMINATED_EARLY, null, TWO_SOURCES)));
        assertThat(corrected).contains("\"entryType\":\"contract-end\"", "\"reason\":\"terminated-early\"",
                "\"type\":\"contract-end\"");
    }

    /** The API reads a withholding's reason from the top-level {@code reason} of the stored payload. */
    @Test
    void writes_a_withholdings_reason_at_the_top_level() throws Exception {
        String json = AXON_LIKE.writeValueAsString(new PayloadWithheld(ID, 42, "court order", null, ALICE));
        assertThat(json).contains("\"reason\":\"court order\"", "\"position\":42", "\"entryId\":\"entry-1\"",
                "\"recordedBy\":\"alice\"");
    }

    /**
     * Stored events are read back for ever, so their JSON may not change with a refactoring: moving id classes,
     * adding interfaces with default methods to events or details, or declaring the details' subtypes elsewhere.
     */
    @Test
    void writes_the_json_the_ledger_has_stored() throws IOException {
        List<String> expected;
        try (InputStream in = EventSerializationTest.class.getResourceAsStream(STORED_JSON)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<Object> events = events().toList();
        assertThat(events).hasSameSizeAs(expected);
        for (int i = 0; i < events.size(); i++) {
            String stored = expected.get(i);
            String json = STORE_LIKE.writeValueAsString(events.get(i));
            assertThat(json).as(stored.substring(0, stored.indexOf(' ')))
                    .isEqualTo(stored.substring(stored.indexOf(' ') + 1));
        }
    }
}
