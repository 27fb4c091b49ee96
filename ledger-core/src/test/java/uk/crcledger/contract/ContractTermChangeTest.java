package uk.crcledger.contract;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRevisions;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.InMemoryEntryDirectory;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.UnknownReferenceException;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static uk.crcledger.TestLedger.*;

/** Specification of a change of the contracts' planned end, such as the early end announced on 27 Jul 2018. */
class ContractTermChangeTest {

    private static final EntryId EARLY_END = EntryId.of("term-change-2018-07-27");
    private static final LocalDate ANNOUNCED_ON = LocalDate.of(2018, 7, 27);
    private static final LocalDate DECEMBER_2020 = LocalDate.of(2020, 12, 31);
    private static final String REASON = "Secretary of State ends all CRC contracts 14 months early";
    private static final List<CrcId> CRCS = List.of(WEST_YORKSHIRE, DDC);
    private static final ContractTermChanged EARLY_END_ANNOUNCED = new ContractTermChanged(EARLY_END, CRCS,
            ANNOUNCED_ON, DECEMBER_2020, REASON, SOURCES, ALICE);

    private FixtureConfiguration<ContractTermChange> fixture;
    private InMemoryEntryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryEntryDirectory();
        fixture = new AggregateTestFixture<>(ContractTermChange.class);
        fixture.registerInjectableResource(new StubContractRegister()
                .holds(WEST_YORKSHIRE, PURPLE_FUTURES, SHARE_SALE, null)
                .holds(DDC, WORKING_LINKS, SHARE_SALE, WORKING_LINKS_COLLAPSE)
                .holds(DDC, SEETEC, WORKING_LINKS_COLLAPSE, null)
                .crcs(WALES));
        fixture.registerInjectableResource(directory);
        fixture.registerAnnotatedCommandHandler(EntryRevisions.builder(directory)
                .revises(fixture.getRepository(), EntryType.CONTRACT_TERM_CHANGE).build());
    }

    @Test
    void records_a_term_change_for_several_crcs() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordContractTermChange(EARLY_END, CRCS, ANNOUNCED_ON, DECEMBER_2020, REASON, SOURCES),
                        BY_ALICE)
                .expectEvents(EARLY_END_ANNOUNCED);
    }

    @Test
    void accepts_a_new_planned_end_in_the_future_because_it_is_a_plan() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordContractTermChange(EARLY_END, CRCS, ANNOUNCED_ON, TOMORROW, REASON, SOURCES),
                        BY_ALICE)
                .expectEvents(new ContractTermChanged(EARLY_END, CRCS, ANNOUNCED_ON, TOMORROW, REASON, SOURCES,
                        ALICE));
    }

    @Test
    void refuses_an_unknown_crc() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordContractTermChange(EARLY_END, List.of(UNKNOWN_CRC), ANNOUNCED_ON, DECEMBER_2020,
                        REASON, SOURCES), BY_ALICE)
                .expectException(UnknownReferenceException.class)
                .expectExceptionMessage("unknown CRC atlantis: register it first");
    }

    @Test
    void refuses_a_crc_without_a_contract_that_day() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordContractTermChange(EARLY_END, List.of(WALES), ANNOUNCED_ON, DECEMBER_2020, REASON,
                        SOURCES), BY_ALICE)
                .expectException(HoldingConflictException.class)
                .expectExceptionMessage("wales has no contract held on 2018-07-27 whose planned end could change");
    }

    @Test
    void refuses_a_change_naming_no_crc() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordContractTermChange(EARLY_END, List.of(), ANNOUNCED_ON, DECEMBER_2020, REASON,
                        SOURCES), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("a contract term change needs at least one CRC in crcIds");
    }

    @Test
    void refuses_an_announcement_in_the_future() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordContractTermChange(EARLY_END, CRCS, TOMORROW, DECEMBER_2020, REASON, SOURCES),
                        BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("announcedOn 2026-01-16 is in the future (today is 2026-01-15)");
    }

    @Test
    void refuses_a_change_without_a_source() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordContractTermChange(EARLY_END, CRCS, ANNOUNCED_ON, DECEMBER_2020, REASON, List.of()),
                        BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("an entry needs at least one source");
    }

    @Test
    void corrects_the_new_planned_end() {
        directory.register(EARLY_END, EntryOwner.ownAggregate(EntryType.CONTRACT_TERM_CHANGE, EARLY_END));
        LocalDate spring2021 = LocalDate.of(2021, 6, 26);
        fixture.givenCurrentTime(NOW).andGiven(EARLY_END_ANNOUNCED)
                .when(new CorrectEntry(EARLY_END, Map.of("newPlannedEndOn", "2021-06-26"), "later extended"),
                        BY_ALICE)
                .expectEvents(new EntryCorrected(EARLY_END, EntryType.CONTRACT_TERM_CHANGE,
                        new ContractTermChangeDetails(CRCS, ANNOUNCED_ON, spring2021, REASON, SOURCES),
                        List.of("newPlannedEndOn"), "later extended", ALICE, TODAY));
    }

    @Test
    void refuses_a_correction_adding_a_crc_without_a_contract() {
        directory.register(EARLY_END, EntryOwner.ownAggregate(EntryType.CONTRACT_TERM_CHANGE, EARLY_END));
        fixture.givenCurrentTime(NOW).andGiven(EARLY_END_ANNOUNCED)
                .when(new CorrectEntry(EARLY_END, Map.of("crcIds", List.of("west-yorkshire", "wales")), "all"),
                        BY_ALICE)
                .expectException(HoldingConflictException.class)
                .expectExceptionMessage("wales has no contract held on 2018-07-27 whose planned end could change");
    }
}
