package uk.crcledger.inspection;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.crcledger.contract.StubContractRegister;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRevisions;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.InMemoryEntryDirectory;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.UnknownReferenceException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static uk.crcledger.TestLedger.*;

/** Specification of an inspectorate finding: about named CRCs, or thematic about CRCs in general. */
class InspectionFindingTest {

    private static final EntryId DDC_INADEQUATE = EntryId.of("finding-ddc-2019-02-15");
    private static final EntryId TR4 = EntryId.of("finding-tr4-2016-01-21");
    private static final String HMIP = InspectionFindingDetails.DEFAULT_INSPECTORATE;
    private static final String DDC_TITLE = "Dorset, Devon and Cornwall CRC rated Inadequate";
    private static final String DDC_FINDINGS = "staff under-recorded risk";
    private static final String TR4_TITLE = "Transforming Rehabilitation early implementation report 4";
    private static final LocalDate DDC_PUBLISHED = WORKING_LINKS_COLLAPSE;
    private static final LocalDate TR4_PUBLISHED = LocalDate.of(2016, 1, 21);
    private static final InspectionFindingPublished DDC_PUBLISHED_EVENT = new InspectionFindingPublished(
            DDC_INADEQUATE, HMIP, DDC_TITLE, DDC_PUBLISHED, List.of(DDC), false, InspectionRating.INADEQUATE,
            DDC_FINDINGS, SOURCES, ALICE);

    private FixtureConfiguration<InspectionFinding> fixture;
    private InMemoryEntryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryEntryDirectory();
        fixture = new AggregateTestFixture<>(InspectionFinding.class);
        fixture.registerInjectableResource(new StubContractRegister().crcs(DDC, KSS));
        fixture.registerInjectableResource(directory);
        fixture.registerAnnotatedCommandHandler(EntryRevisions.builder(directory)
                .revises(fixture.getRepository(), EntryType.INSPECTION_FINDING).build());
    }

    @Test
    void records_a_rated_finding_about_one_crc_by_the_default_inspectorate() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordInspectionFinding(DDC_INADEQUATE, null, DDC_TITLE, DDC_PUBLISHED, List.of(DDC), false,
                        InspectionRating.INADEQUATE, DDC_FINDINGS, SOURCES), BY_ALICE)
                .expectEvents(DDC_PUBLISHED_EVENT);
    }

    @Test
    void records_an_unrated_thematic_finding_about_all_crcs() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordInspectionFinding(TR4, " ", TR4_TITLE, TR4_PUBLISHED, List.of(), true, null,
                        "transitional issues remain", SOURCES), BY_ALICE)
                .expectEvents(new InspectionFindingPublished(TR4, HMIP, TR4_TITLE, TR4_PUBLISHED, List.of(), true,
                        InspectionRating.NONE, "transitional issues remain", SOURCES, ALICE));
    }

    @Test
    void refuses_a_finding_about_no_crc_unless_thematic() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordInspectionFinding(TR4, null, TR4_TITLE, TR4_PUBLISHED, List.of(), false, null, null,
                        SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("finding '" + TR4_TITLE + "' names no CRC: only a thematic finding may"
                        + " leave crcIds empty");
    }

    @Test
    void refuses_an_unknown_crc() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordInspectionFinding(DDC_INADEQUATE, null, DDC_TITLE, DDC_PUBLISHED,
                        List.of(UNKNOWN_CRC), false, InspectionRating.INADEQUATE, null, SOURCES), BY_ALICE)
                .expectException(UnknownReferenceException.class)
                .expectExceptionMessage("unknown CRC atlantis: register it first");
    }

    @Test
    void refuses_a_publication_in_the_future() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordInspectionFinding(DDC_INADEQUATE, null, DDC_TITLE, TOMORROW, List.of(DDC), false,
                        InspectionRating.INADEQUATE, null, SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("publishedOn 2026-01-16 is in the future (today is 2026-01-15)");
    }

    @Test
    void refuses_a_finding_without_a_source() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordInspectionFinding(DDC_INADEQUATE, null, DDC_TITLE, DDC_PUBLISHED, List.of(DDC), false,
                        InspectionRating.INADEQUATE, null, List.of()), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("an entry needs at least one source");
    }

    @Test
    void corrects_the_rating_given_by_its_json_name() {
        directory.register(DDC_INADEQUATE, EntryOwner.ownAggregate(EntryType.INSPECTION_FINDING, DDC_INADEQUATE));
        fixture.givenCurrentTime(NOW).andGiven(DDC_PUBLISHED_EVENT)
                .when(new CorrectEntry(DDC_INADEQUATE, Map.of("rating", "requires-improvement"), "misread"),
                        BY_ALICE)
                .expectEvents(new EntryCorrected(DDC_INADEQUATE, EntryType.INSPECTION_FINDING,
                        new InspectionFindingDetails(HMIP, DDC_TITLE, DDC_PUBLISHED, List.of(DDC), false,
                                InspectionRating.REQUIRES_IMPROVEMENT, DDC_FINDINGS, SOURCES),
                        List.of("rating"), "misread", ALICE, TODAY));
    }

    @Test
    void refuses_a_rating_it_does_not_know() {
        directory.register(DDC_INADEQUATE, EntryOwner.ownAggregate(EntryType.INSPECTION_FINDING, DDC_INADEQUATE));
        fixture.givenCurrentTime(NOW).andGiven(DDC_PUBLISHED_EVENT)
                .when(new CorrectEntry(DDC_INADEQUATE, Map.of("rating", "excellent"), "misread"), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("field 'rating': expected one of outstanding, good, requires-improvement,"
                        + " inadequate, none, got 'excellent'");
    }

    @Test
    void refuses_a_correction_to_a_source_without_url_or_reference() {
        directory.register(DDC_INADEQUATE, EntryOwner.ownAggregate(EntryType.INSPECTION_FINDING, DDC_INADEQUATE));
        fixture.givenCurrentTime(NOW).andGiven(DDC_PUBLISHED_EVENT)
                .when(new CorrectEntry(DDC_INADEQUATE, Map.of("sources", List.of(Map.of("title", "HMIP"))), "src"),
                        BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("field 'sources[0]': source 'HMIP' needs a url or a documentReference"
                        + " so a reader can find it");
    }
}
