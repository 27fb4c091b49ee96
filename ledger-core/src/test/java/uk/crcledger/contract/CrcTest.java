package uk.crcledger.contract;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.correction.EntryRevisions;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryRetractedException;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.InMemoryEntryDirectory;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.UnknownReferenceException;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static uk.crcledger.TestLedger.*;

/** Specification of a CRC: registration, and the one-holder-at-a-time rule over its awards and ends. */
class CrcTest {

    private static final EntryId PURPLE_AWARD = EntryId.of("award-west-yorkshire-2014");
    private static final EntryId PURPLE_END = EntryId.of("end-west-yorkshire-2016");
    private static final EntryId SODEXO_AWARD = EntryId.of("award-west-yorkshire-2016");
    private static final LocalDate CUTS_DAY = LocalDate.of(2016, 1, 20);
    private static final LocalDate RETRACTED_ON = LocalDate.of(2026, 1, 10);

    private static final CrcRegistered WEST_YORKSHIRE_REGISTERED =
            new CrcRegistered(WEST_YORKSHIRE, "West Yorkshire", null, ALICE);
    private static final ContractAwarded PURPLE_AWARDED = new ContractAwarded(PURPLE_AWARD, WEST_YORKSHIRE,
            PURPLE_FUTURES, SIGNED_ON, SHARE_SALE, SEVEN_YEARS_LATER, null, "about GBP 600m over 7 years for 5 CRCs",
            SOURCES, ALICE);
    private static final ContractEnded PURPLE_ENDED_EARLY = new ContractEnded(PURPLE_END, WEST_YORKSHIRE,
            PURPLE_FUTURES, CUTS_DAY, ContractEndReason.TERMINATED_EARLY, null, SOURCES, ALICE);
    private static final ContractAwarded SODEXO_AWARDED = new ContractAwarded(SODEXO_AWARD, WEST_YORKSHIRE,
            SODEXO_NACRO, CUTS_DAY, CUTS_DAY, SEVEN_YEARS_LATER, null, null, SOURCES, ALICE);

    private FixtureConfiguration<Crc> fixture;
    private InMemoryEntryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryEntryDirectory();
        fixture = new AggregateTestFixture<>(Crc.class);
        fixture.registerInjectableResource(new StubContractRegister()
                .providers(PURPLE_FUTURES, SODEXO_NACRO, WORKING_LINKS, SEETEC));
        fixture.registerInjectableResource(directory);
        fixture.registerAnnotatedCommandHandler(EntryRevisions.builder(directory)
                .revises(fixture.getRepository(), EntryType.CONTRACT_AWARD, EntryType.CONTRACT_END).build());
    }

    private TestExecutor<Crc> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    private static RecordContractAward award(EntryId id, ProviderId provider, LocalDate startsOn) {
        return new RecordContractAward(id, WEST_YORKSHIRE, provider, startsOn, startsOn, SEVEN_YEARS_LATER, null,
                null, SOURCES);
    }

    private static RecordContractAward purpleAward() {
        return new RecordContractAward(PURPLE_AWARD, WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON, SHARE_SALE,
                SEVEN_YEARS_LATER, null, "about GBP 600m over 7 years for 5 CRCs", SOURCES);
    }

    private static RecordContractEnd end(EntryId id, LocalDate endedOn, ContractEndReason reason,
                                         ProviderId successor) {
        return new RecordContractEnd(id, WEST_YORKSHIRE, endedOn, reason, successor, SOURCES);
    }

    @Nested
    class Registration {

        @Test
        void registers_a_crc_with_who_recorded_it() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCrc(WEST_YORKSHIRE, "West Yorkshire", " "), BY_ALICE)
                    .expectEvents(WEST_YORKSHIRE_REGISTERED);
        }

        @Test
        void keeps_the_abbreviation() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCrc(HLNY, "Humberside, Lincolnshire and North Yorkshire", "HLNY"), BY_ALICE)
                    .expectEvents(new CrcRegistered(HLNY, "Humberside, Lincolnshire and North Yorkshire", "HLNY",
                            ALICE));
        }

        @Test
        void refuses_to_register_a_crc_twice() {
            fixture.given(WEST_YORKSHIRE_REGISTERED)
                    .when(new RegisterCrc(WEST_YORKSHIRE, "West Yorkshire", null), BY_ALICE)
                    .expectException(AlreadyRecordedException.class)
                    .expectExceptionMessage("CRC west-yorkshire is already registered");
        }

        @Test
        void refuses_a_registration_without_who_recorded_it() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCrc(WEST_YORKSHIRE, "West Yorkshire", null))
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("an entry needs who recorded it (metadata 'recordedBy')");
        }

        @Test
        void refuses_a_crc_without_a_name() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCrc(WEST_YORKSHIRE, " ", null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("name is required");
        }
    }

    @Nested
    class Awards {

        @Test
        void records_an_award_on_a_free_crc() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(purpleAward(), BY_ALICE)
                    .expectEvents(PURPLE_AWARDED)
                    .expectState(crc -> {
                        assertThat(crc.holderOn(SHARE_SALE)).contains(PURPLE_FUTURES);
                        assertThat(crc.holderOn(SIGNED_ON)).isEmpty();
                    });
        }

        @Test
        void refuses_an_award_on_an_unknown_crc() {
            fixture.givenCurrentTime(NOW)
                    .when(purpleAward(), BY_ALICE)
                    .expectException(UnknownReferenceException.class)
                    .expectExceptionMessage("unknown CRC west-yorkshire: register it first");
        }

        @Test
        void refuses_an_award_to_an_unknown_provider() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(award(PURPLE_AWARD, UNKNOWN_PROVIDER, SHARE_SALE), BY_ALICE)
                    .expectException(UnknownReferenceException.class)
                    .expectExceptionMessage("unknown provider nobody-ltd: register it first");
        }

        @Test
        void refuses_an_award_while_another_provider_holds_the_crc() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(award(SODEXO_AWARD, SODEXO_NACRO, CUTS_DAY), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage(containsString(
                            "west-yorkshire is held by purple-futures on 2016-01-20, not sodexo-nacro"));
        }

        @Test
        void refuses_an_overlapping_award_to_the_same_holder() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(award(SODEXO_AWARD, PURPLE_FUTURES, CUTS_DAY), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage(containsString(
                            "west-yorkshire is already held by purple-futures on 2016-01-20"));
        }

        @Test
        void accepts_an_award_from_the_day_the_previous_contract_ended() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED, PURPLE_ENDED_EARLY)
                    .when(award(SODEXO_AWARD, SODEXO_NACRO, CUTS_DAY), BY_ALICE)
                    .expectEvents(SODEXO_AWARDED)
                    .expectState(crc -> {
                        assertThat(crc.holderOn(CUTS_DAY.minusDays(1))).contains(PURPLE_FUTURES);
                        assertThat(crc.holderOn(CUTS_DAY)).contains(SODEXO_NACRO);
                    });
        }

        @Test
        void refuses_a_planned_end_before_the_start() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(new RecordContractAward(PURPLE_AWARD, WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON,
                            SHARE_SALE, LocalDate.of(2014, 1, 1), null, null, SOURCES), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(containsString("plannedEndOn 2014-01-01 is before startsOn 2015-02-01"));
        }

        @Test
        void refuses_a_start_in_the_future() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(new RecordContractAward(PURPLE_AWARD, WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON,
                            TOMORROW, TOMORROW.plusYears(7), null, null, SOURCES), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("startsOn 2026-01-16 is in the future (today is 2026-01-15)");
        }

        @Test
        void accepts_a_planned_end_in_the_future_because_it_is_a_plan() {
            ContractAwardDetails details = new ContractAwardDetails(WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON,
                    SHARE_SALE, TOMORROW, null, null, SOURCES);
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(new RecordContractAward(PURPLE_AWARD, WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON,
                            SHARE_SALE, TOMORROW, null, null, SOURCES), BY_ALICE)
                    .expectEvents(ContractAwarded.of(PURPLE_AWARD, details, ALICE));
        }

        @Test
        void refuses_an_award_without_a_source() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(new RecordContractAward(PURPLE_AWARD, WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON,
                            SHARE_SALE, SEVEN_YEARS_LATER, null, null, List.of()), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("an entry needs at least one source");
        }

        @Test
        void refuses_a_negative_value() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(new RecordContractAward(PURPLE_AWARD, WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON,
                            SHARE_SALE, SEVEN_YEARS_LATER, new BigDecimal("-1"), null, SOURCES), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("valueGbp must be at least 0, was -1");
        }

        @Test
        void refuses_an_award_without_who_recorded_it() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(purpleAward())
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("an entry needs who recorded it (metadata 'recordedBy')");
        }

        @Test
        void refuses_an_entry_id_used_before() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED, PURPLE_ENDED_EARLY)
                    .when(award(PURPLE_AWARD, SODEXO_NACRO, CUTS_DAY), BY_ALICE)
                    .expectException(AlreadyRecordedException.class)
                    .expectExceptionMessage("entry award-west-yorkshire-2014 already exists");
        }
    }

    @Nested
    class Ends {

        @Test
        void records_the_end_of_the_contract_held_that_day() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(PURPLE_END, CUTS_DAY, ContractEndReason.TERMINATED_EARLY, null), BY_ALICE)
                    .expectEvents(PURPLE_ENDED_EARLY)
                    .expectState(crc -> assertThat(crc.holderOn(CUTS_DAY)).isEmpty());
        }

        @Test
        void records_a_transfer_after_which_the_successor_holds_the_crc() {
            EntryId transfer = EntryId.of("transfer-west-yorkshire");
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(transfer, WORKING_LINKS_COLLAPSE, ContractEndReason.TRANSFERRED, SEETEC), BY_ALICE)
                    .expectEvents(new ContractEnded(transfer, WEST_YORKSHIRE, PURPLE_FUTURES, WORKING_LINKS_COLLAPSE,
                            ContractEndReason.TRANSFERRED, SEETEC, SOURCES, ALICE))
                    .expectState(crc -> {
                        assertThat(crc.holderOn(WORKING_LINKS_COLLAPSE.minusDays(1))).contains(PURPLE_FUTURES);
                        assertThat(crc.holderOn(WORKING_LINKS_COLLAPSE)).contains(SEETEC);
                        assertThat(crc.history().holdingOn(WORKING_LINKS_COLLAPSE).orElseThrow().plannedEndOn())
                                .isEqualTo(SEVEN_YEARS_LATER);
                    });
        }

        @Test
        void refuses_an_end_when_no_contract_is_held() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(end(PURPLE_END, CUTS_DAY, ContractEndReason.EXPIRED, null), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage("west-yorkshire has no contract held on 2016-01-20 to end");
        }

        @Test
        void refuses_an_end_before_the_contract_started() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(PURPLE_END, SIGNED_ON, ContractEndReason.EXPIRED, null), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage("west-yorkshire has no contract held on 2014-12-18 to end"
                            + " (the next contract, of purple-futures, starts on 2015-02-01, after the end date)");
        }

        @Test
        void refuses_a_transfer_without_a_successor() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(PURPLE_END, CUTS_DAY, ContractEndReason.TRANSFERRED, null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("a transferred contract needs a successorProviderId");
        }

        @Test
        void refuses_a_successor_for_an_expired_contract() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(PURPLE_END, CUTS_DAY, ContractEndReason.EXPIRED, SEETEC), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(
                            "successorProviderId seetec is only for a transferred contract, not one that expired");
        }

        @Test
        void refuses_a_transfer_to_an_unknown_successor() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(PURPLE_END, CUTS_DAY, ContractEndReason.TRANSFERRED, UNKNOWN_PROVIDER), BY_ALICE)
                    .expectException(UnknownReferenceException.class)
                    .expectExceptionMessage("unknown provider nobody-ltd: register it first");
        }

        @Test
        void refuses_a_transfer_to_the_current_holder() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(PURPLE_END, CUTS_DAY, ContractEndReason.TRANSFERRED, PURPLE_FUTURES), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage("west-yorkshire is held by purple-futures on 2016-01-20:"
                            + " it cannot be transferred to its own holder");
        }

        @Test
        void refuses_an_end_in_the_future() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(end(PURPLE_END, TOMORROW, ContractEndReason.EXPIRED, null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("endedOn 2026-01-16 is in the future (today is 2026-01-15)");
        }
    }

    @Nested
    class Revisions {

        @BeforeEach
        void registerEntries() {
            directory.register(PURPLE_AWARD, EntryOwner.contractsOfCrc(EntryType.CONTRACT_AWARD, "west-yorkshire"));
            directory.register(PURPLE_END, EntryOwner.contractsOfCrc(EntryType.CONTRACT_END, "west-yorkshire"));
            directory.register(SODEXO_AWARD, EntryOwner.contractsOfCrc(EntryType.CONTRACT_AWARD, "west-yorkshire"));
        }

        @Test
        void corrects_an_award_with_its_whole_new_version() {
            ContractAwardDetails corrected = new ContractAwardDetails(WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON,
                    LocalDate.of(2015, 2, 2), SEVEN_YEARS_LATER, new BigDecimal("600000000"),
                    "about GBP 600m over 7 years for 5 CRCs", SOURCES);
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("startsOn", "2015-02-02");
            changes.put("valueGbp", 600000000);
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(new CorrectEntry(PURPLE_AWARD, changes, "share sale completed a day later"), BY_ALICE)
                    .expectEvents(new EntryCorrected(PURPLE_AWARD, EntryType.CONTRACT_AWARD, corrected,
                            List.of("startsOn", "valueGbp"),
                            "share sale completed a day later", ALICE, TODAY))
                    .expectState(crc -> assertThat(crc.holderOn(SHARE_SALE)).isEmpty());
        }

        @Test
        void refuses_a_correction_that_makes_two_holders_overlap() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED, PURPLE_ENDED_EARLY, SODEXO_AWARDED)
                    .when(new CorrectEntry(PURPLE_END, Map.of("endedOn", "2016-03-01"), "end was later"), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage(containsString("with correction of entry end-west-yorkshire-2016: "
                            + "west-yorkshire is held by purple-futures on 2016-01-20, not sodexo-nacro"));
        }

        @Test
        void refuses_to_move_a_contract_entry_to_another_crc() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(new CorrectEntry(PURPLE_AWARD, Map.of("crcId", "hlny"), "wrong CRC"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("field 'crcId' of a contract-award is not correctable:"
                            + " create a new entry and retract this one");
        }

        @Test
        void refuses_an_unknown_field() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(new CorrectEntry(PURPLE_AWARD, Map.of("colour", "purple"), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(containsString("a contract-award has no field 'colour'"));
        }

        @Test
        void refuses_an_unparseable_value_naming_the_field() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(new CorrectEntry(PURPLE_AWARD, Map.of("startsOn", "soon"), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("field 'startsOn': expected a date like 2016-01-20, got 'soon'");
        }

        @Test
        void refuses_an_empty_correction() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(new CorrectEntry(PURPLE_AWARD, Map.of(), "nothing"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("a correction needs at least one changed field");
        }

        @Test
        void refuses_a_correction_without_a_reason() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(new CorrectEntry(PURPLE_AWARD, Map.of("startsOn", "2015-02-02"), " "), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("a correction needs a reason");
        }

        @Test
        void refuses_a_correction_of_an_unknown_entry() {
            given(WEST_YORKSHIRE_REGISTERED)
                    .when(new CorrectEntry(EntryId.of("never-recorded"), Map.of("startsOn", "2015-02-02"), "x"),
                            BY_ALICE)
                    .expectException(UnknownReferenceException.class)
                    .expectExceptionMessage("unknown entry never-recorded");
        }

        @Test
        void retracts_an_entry() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED, PURPLE_ENDED_EARLY, SODEXO_AWARDED)
                    .when(new RetractEntry(SODEXO_AWARD, "recorded in error"), BY_ALICE)
                    .expectEvents(new EntryRetracted(SODEXO_AWARD, EntryType.CONTRACT_AWARD, "recorded in error",
                            ALICE, TODAY))
                    .expectState(crc -> assertThat(crc.holderOn(CUTS_DAY)).isEmpty());
        }

        @Test
        void refuses_a_retraction_that_leaves_an_end_without_a_contract() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED, PURPLE_ENDED_EARLY)
                    .when(new RetractEntry(PURPLE_AWARD, "recorded in error"), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage("retracting entry award-west-yorkshire-2014 would leave an inconsistent"
                            + " history: west-yorkshire has no contract held on 2016-01-20 to end");
        }

        @Test
        void refuses_to_retract_twice() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED,
                    new EntryRetracted(PURPLE_AWARD, EntryType.CONTRACT_AWARD, "error", ALICE, RETRACTED_ON))
                    .when(new RetractEntry(PURPLE_AWARD, "again"), BY_ALICE)
                    .expectException(EntryRetractedException.class)
                    .expectExceptionMessage(
                            "entry award-west-yorkshire-2014 was retracted on 2026-01-10 and cannot be retracted");
        }

        @Test
        void refuses_to_correct_a_retracted_entry() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED,
                    new EntryRetracted(PURPLE_AWARD, EntryType.CONTRACT_AWARD, "error", ALICE, RETRACTED_ON))
                    .when(new CorrectEntry(PURPLE_AWARD, Map.of("startsOn", "2015-02-02"), "fix"), BY_ALICE)
                    .expectException(EntryRetractedException.class)
                    .expectExceptionMessage(
                            "entry award-west-yorkshire-2014 was retracted on 2026-01-10 and cannot be corrected");
        }

        @Test
        void refuses_a_revision_without_who_recorded_it() {
            given(WEST_YORKSHIRE_REGISTERED, PURPLE_AWARDED)
                    .when(new RetractEntry(PURPLE_AWARD, "error"))
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("an entry needs who recorded it (metadata 'recordedBy')");
        }
    }
}
