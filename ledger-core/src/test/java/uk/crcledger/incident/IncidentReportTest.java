package uk.crcledger.incident;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.crcledger.contract.StubContractRegister;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.correction.EntryRevisions;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryRetractedException;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.InMemoryEntryDirectory;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.UnknownReferenceException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static uk.crcledger.TestLedger.*;

/** Specification of an incident report: a failure in one or more known CRCs, of a category, from a source. */
class IncidentReportTest {

    private static final EntryId WALES_UNPAID_WORK = EntryId.of("incident-2016-01-20-wales");
    private static final LocalDate BLOG_MONTH = LocalDate.of(2016, 1, 20);
    private static final String NOT_ATTENDING = "clients not actually attending unpaid work in Wales";
    private static final List<IncidentFigure> NO_FIGURES = List.of();
    private static final List<IncidentFigure> ABSENT_CLIENTS =
            List.of(new IncidentFigure("clients not attending", new BigDecimal("120")));
    private static final IncidentReported WALES_REPORTED = new IncidentReported(WALES_UNPAID_WORK, List.of(WALES),
            BLOG_MONTH, IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, NO_FIGURES, SOURCES, ALICE);

    private FixtureConfiguration<IncidentReport> fixture;
    private InMemoryEntryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryEntryDirectory();
        fixture = new AggregateTestFixture<>(IncidentReport.class);
        fixture.registerInjectableResource(new StubContractRegister().crcs(WALES, HLNY));
        fixture.registerInjectableResource(directory);
        fixture.registerAnnotatedCommandHandler(EntryRevisions.builder(directory)
                .revises(fixture.getRepository(), EntryType.INCIDENT_REPORT).build());
    }

    /** The changes in the order given, as a JSON body keeps them. */
    private static Map<String, Object> inOrder(Object... namesAndValues) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            changes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return changes;
    }

    private void recorded() {
        directory.register(WALES_UNPAID_WORK, EntryOwner.ownAggregate(EntryType.INCIDENT_REPORT, WALES_UNPAID_WORK));
    }

    @Test
    void records_an_incident_in_a_known_crc() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES), BLOG_MONTH,
                        IncidentCategory.UNPAID_WORK, " " + NOT_ATTENDING + " ", " ", null, SOURCES), BY_ALICE)
                .expectEvents(WALES_REPORTED);
    }

    @Test
    void records_the_figures_a_source_gives() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES), BLOG_MONTH,
                        IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, ABSENT_CLIENTS, SOURCES), BY_ALICE)
                .expectEvents(new IncidentReported(WALES_UNPAID_WORK, List.of(WALES), BLOG_MONTH,
                        IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, ABSENT_CLIENTS, SOURCES, ALICE));
    }

    @Test
    void refuses_an_unknown_crc() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES, UNKNOWN_CRC), BLOG_MONTH,
                        IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, null, SOURCES), BY_ALICE)
                .expectException(UnknownReferenceException.class)
                .expectExceptionMessage("unknown CRC atlantis: register it first");
    }

    @Test
    void refuses_an_incident_in_no_crc() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(), BLOG_MONTH,
                        IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, null, SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("an incident report needs at least one CRC in crcIds");
    }

    @Test
    void refuses_an_incident_without_a_category() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES), BLOG_MONTH, null, NOT_ATTENDING,
                        null, null, SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("category is required");
    }

    @Test
    void refuses_an_incident_without_a_summary() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES), BLOG_MONTH,
                        IncidentCategory.UNPAID_WORK, "  ", null, null, SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("summary is required");
    }

    @Test
    void refuses_an_incident_without_a_date() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES), null,
                        IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, null, SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("occurredOn is required");
    }

    @Test
    void refuses_an_incident_in_the_future() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES), TOMORROW,
                        IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, null, SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("occurredOn 2026-01-16 is in the future (today is 2026-01-15)");
    }

    @Test
    void refuses_an_incident_without_a_source() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncidentReport(WALES_UNPAID_WORK, List.of(WALES), BLOG_MONTH,
                        IncidentCategory.UNPAID_WORK, NOT_ATTENDING, null, null, List.of()), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("an entry needs at least one source");
    }

    @Test
    void corrects_the_category_summary_and_crcs() {
        recorded();
        fixture.givenCurrentTime(NOW).andGiven(WALES_REPORTED)
                .when(new CorrectEntry(WALES_UNPAID_WORK, inOrder("category", "enforcement",
                        "summary", "breaches not enforced", "crcIds", List.of("wales", "hlny")), "misread"), BY_ALICE)
                .expectEvents(new EntryCorrected(WALES_UNPAID_WORK, EntryType.INCIDENT_REPORT,
                        new IncidentReportDetails(List.of(WALES, HLNY), BLOG_MONTH, IncidentCategory.ENFORCEMENT,
                                "breaches not enforced", null, NO_FIGURES, SOURCES),
                        List.of("category", "summary", "crcIds"), "misread", ALICE, TODAY));
    }

    @Test
    void corrects_the_figures_given_as_json() {
        recorded();
        fixture.givenCurrentTime(NOW).andGiven(WALES_REPORTED)
                .when(new CorrectEntry(WALES_UNPAID_WORK, Map.of("figures",
                        List.of(Map.of("measure", "clients not attending", "value", 120))), "figure found"), BY_ALICE)
                .expectEvents(new EntryCorrected(WALES_UNPAID_WORK, EntryType.INCIDENT_REPORT,
                        new IncidentReportDetails(List.of(WALES), BLOG_MONTH, IncidentCategory.UNPAID_WORK,
                                NOT_ATTENDING, null, ABSENT_CLIENTS, SOURCES),
                        List.of("figures"), "figure found", ALICE, TODAY));
    }

    @Test
    void refuses_a_negative_figure() {
        recorded();
        fixture.givenCurrentTime(NOW).andGiven(WALES_REPORTED)
                .when(new CorrectEntry(WALES_UNPAID_WORK, Map.of("figures",
                        List.of(Map.of("measure", "clients not attending", "value", -1))), "typo"), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("field 'figures[0]': figure 'clients not attending' may not be negative,"
                        + " was -1");
    }

    @Test
    void refuses_a_category_it_does_not_know() {
        recorded();
        fixture.givenCurrentTime(NOW).andGiven(WALES_REPORTED)
                .when(new CorrectEntry(WALES_UNPAID_WORK, Map.of("category", "weather"), "misread"), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("field 'category': expected one of risk-management, unpaid-work,"
                        + " enforcement, staffing, it, other, got 'weather'");
    }

    @Test
    void refuses_a_correction_to_an_unknown_crc() {
        recorded();
        fixture.givenCurrentTime(NOW).andGiven(WALES_REPORTED)
                .when(new CorrectEntry(WALES_UNPAID_WORK, Map.of("crcIds", List.of("atlantis")), "moved"), BY_ALICE)
                .expectException(UnknownReferenceException.class)
                .expectExceptionMessage("unknown CRC atlantis: register it first");
    }

    @Test
    void retracts_an_incident() {
        recorded();
        fixture.givenCurrentTime(NOW).andGiven(WALES_REPORTED)
                .when(new RetractEntry(WALES_UNPAID_WORK, "recorded twice"), BY_ALICE)
                .expectEvents(new EntryRetracted(WALES_UNPAID_WORK, EntryType.INCIDENT_REPORT, "recorded twice",
                        ALICE, TODAY));
    }

    @Test
    void refuses_correcting_a_retracted_incident() {
        recorded();
        fixture.givenCurrentTime(NOW)
                .andGiven(WALES_REPORTED, new EntryRetracted(WALES_UNPAID_WORK, EntryType.INCIDENT_REPORT,
                        "recorded twice", ALICE, TODAY))
                .when(new CorrectEntry(WALES_UNPAID_WORK, Map.of("category", "other"), "late"), BY_ALICE)
                .expectException(EntryRetractedException.class)
                .expectExceptionMessage("entry incident-2016-01-20-wales was retracted on 2026-01-15 and cannot be"
                        + " corrected");
    }
}
