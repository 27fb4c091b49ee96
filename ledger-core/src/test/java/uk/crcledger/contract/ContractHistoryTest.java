package uk.crcledger.contract;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Posts;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.register.CrcId;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static uk.crcledger.TestLedger.*;

/**
 * The one computation of holdings, as the CRC aggregate and the read side call it: awards, ends and contract term
 * changes of one CRC, in ledger order, in; holdings with their planned ends and end reasons out.
 */
class ContractHistoryTest {

    private static final EntryId DDC_AWARD = EntryId.of("ddc-award");
    private static final EntryId DDC_TRANSFER = EntryId.of("ddc-transfer");
    private static final EntryId DDC_REUNIFIED = EntryId.of("ddc-reunified");
    private static final EntryId ALL_CONTRACTS_SHORTENED = EntryId.of("all-contracts-shortened");
    private static final EntryId EXTENDED_AGAIN = EntryId.of("extended-again");
    private static final EntryId WALES_ONLY = EntryId.of("wales-only");
    private static final EntryId JOB_CUTS = EntryId.of("job-cuts");

    /** 27 July 2018: all CRC contracts will end in December 2020, 14 months early. */
    private static final LocalDate TERMS_ANNOUNCED = LocalDate.of(2018, 7, 27);
    private static final LocalDate DECEMBER_2020 = LocalDate.of(2020, 12, 31);
    private static final LocalDate JUNE_2021 = LocalDate.of(2021, 6, 26);

    private static ContractAwardDetails ddcAward() {
        return new ContractAwardDetails(DDC, WORKING_LINKS, SIGNED_ON, SHARE_SALE, SEVEN_YEARS_LATER, null, null,
                SOURCES);
    }

    private static ContractEndDetails ddcTransferToSeetec() {
        return new ContractEndDetails(DDC, WORKING_LINKS_COLLAPSE, ContractEndReason.TRANSFERRED, SEETEC, SOURCES);
    }

    private static ContractEndDetails ddcExpiry(LocalDate on) {
        return new ContractEndDetails(DDC, on, ContractEndReason.EXPIRED, null, SOURCES);
    }

    private static ContractTermChangeDetails termChange(List<CrcId> crcs, LocalDate announced,
                                                        LocalDate newPlannedEnd) {
        return new ContractTermChangeDetails(crcs, announced, newPlannedEnd, "announced", SOURCES);
    }

    /** In ledger order, as recorded. */
    private static Map<EntryId, EntryDetails> ledger(Object... idsAndDetails) {
        Map<EntryId, EntryDetails> entries = new LinkedHashMap<>();
        for (int i = 0; i < idsAndDetails.length; i += 2) {
            entries.put((EntryId) idsAndDetails[i], (EntryDetails) idsAndDetails[i + 1]);
        }
        return entries;
    }

    @Nested
    class TermChanges {

        @Test
        void set_the_planned_end_of_the_contract_held_on_the_announcement_day() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC, WALES), TERMS_ANNOUNCED, DECEMBER_2020)));

            assertThat(history.problems()).isEmpty();
            assertThat(history.holdings()).singleElement()
                    .satisfies(h -> assertThat(h.plannedEndOn()).isEqualTo(DECEMBER_2020));
        }

        @Test
        void are_inherited_by_the_successor_of_a_later_transfer() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    DDC_TRANSFER, ddcTransferToSeetec(),
                    ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC), TERMS_ANNOUNCED, DECEMBER_2020)));

            assertThat(history.holdings()).extracting(Holding::providerId, Holding::plannedEndOn)
                    .containsExactly(
                            tuple(WORKING_LINKS, DECEMBER_2020),
                            tuple(SEETEC, DECEMBER_2020));
        }

        @Test
        void after_a_transfer_change_only_the_successors_contract() {
            LocalDate afterCollapse = WORKING_LINKS_COLLAPSE.plusMonths(1);
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC), afterCollapse, DECEMBER_2020),
                    DDC_TRANSFER, ddcTransferToSeetec()));

            assertThat(history.holdings()).extracting(Holding::plannedEndOn)
                    .containsExactly(SEVEN_YEARS_LATER, DECEMBER_2020);
        }

        @Test
        void are_applied_in_date_order_whatever_the_ledger_order() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    EXTENDED_AGAIN, termChange(List.of(DDC), LocalDate.of(2019, 6, 1), JUNE_2021),
                    ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC), TERMS_ANNOUNCED, DECEMBER_2020),
                    DDC_AWARD, ddcAward()));

            assertThat(history.holdings()).singleElement()
                    .satisfies(h -> assertThat(h.plannedEndOn()).isEqualTo(JUNE_2021));
        }

        @Test
        void on_one_day_come_after_the_ends_and_awards_of_that_day() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC), WORKING_LINKS_COLLAPSE, DECEMBER_2020),
                    DDC_TRANSFER, ddcTransferToSeetec(),
                    DDC_AWARD, ddcAward()));

            assertThat(history.holdings()).extracting(Holding::plannedEndOn)
                    .as("the transfer that day ended Working Links' holding first; Seetec's was changed")
                    .containsExactly(SEVEN_YEARS_LATER, DECEMBER_2020);
        }

        @Test
        void of_one_day_apply_in_ledger_order() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC), TERMS_ANNOUNCED, DECEMBER_2020),
                    EXTENDED_AGAIN, termChange(List.of(DDC), TERMS_ANNOUNCED, JUNE_2021)));

            assertThat(history.current()).map(Holding::plannedEndOn).contains(JUNE_2021);
        }

        @Test
        void that_do_not_name_the_crc_change_nothing() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    WALES_ONLY, termChange(List.of(WALES), TERMS_ANNOUNCED, DECEMBER_2020)));

            assertThat(history.current()).map(Holding::plannedEndOn).contains(SEVEN_YEARS_LATER);
        }

        @Test
        void announced_while_no_contract_is_held_change_nothing_and_are_no_problem() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    DDC_REUNIFIED, ddcExpiry(LocalDate.of(2018, 1, 1)),
                    ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC), TERMS_ANNOUNCED, DECEMBER_2020)));

            assertThat(history.problems()).isEmpty();
            assertThat(history.holdings()).singleElement()
                    .satisfies(h -> assertThat(h.plannedEndOn()).isEqualTo(SEVEN_YEARS_LATER));
        }

        @Test
        void leave_the_holders_and_their_dates_as_they_were() {
            Map<EntryId, EntryDetails> without = ledger(
                    DDC_AWARD, ddcAward(),
                    DDC_TRANSFER, ddcTransferToSeetec(),
                    DDC_REUNIFIED, ddcExpiry(REUNIFICATION));
            Map<EntryId, EntryDetails> with = new LinkedHashMap<>(without);
            with.put(ALL_CONTRACTS_SHORTENED, termChange(List.of(DDC), TERMS_ANNOUNCED, DECEMBER_2020));

            assertThat(ContractHistory.of(DDC, with).holdings())
                    .extracting(Holding::providerId, Holding::from, Holding::until, Holding::endedBy)
                    .isEqualTo(ContractHistory.of(DDC, without).holdings().stream()
                            .map(h -> tuple(h.providerId(), h.from(), h.until(),
                                    h.endedBy()))
                            .toList());
        }
    }

    @Nested
    class Holdings {

        @Test
        void say_why_they_ended() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    DDC_TRANSFER, ddcTransferToSeetec(),
                    DDC_REUNIFIED, ddcExpiry(REUNIFICATION)));

            assertThat(history.holdings()).extracting(Holding::endReason)
                    .containsExactly(ContractEndReason.TRANSFERRED, ContractEndReason.EXPIRED);
            assertThat(history.current()).isEmpty();
        }

        @Test
        void the_current_one_is_the_one_without_an_end() {
            ContractHistory history = ContractHistory.of(DDC, ledger(
                    DDC_AWARD, ddcAward(),
                    DDC_TRANSFER, ddcTransferToSeetec()));

            assertThat(history.current()).hasValueSatisfying(h -> {
                assertThat(h.providerId()).isEqualTo(SEETEC);
                assertThat(h.startedBy()).isEqualTo(DDC_TRANSFER);
                assertThat(h.awardedBy()).isEqualTo(DDC_AWARD);
                assertThat(h.endReason()).isNull();
            });
            assertThat(history.holderOn(WORKING_LINKS_COLLAPSE.minusDays(1))).contains(WORKING_LINKS);
            assertThat(history.holdingOn(WORKING_LINKS_COLLAPSE)).map(Holding::providerId).contains(SEETEC);
        }

        @Test
        void ignore_other_kinds_of_entry() {
            JobCutAnnouncementDetails cuts = new JobCutAnnouncementDetails(WORKING_LINKS, SHARE_SALE.plusYears(1),
                    List.of(AffectedCrc.of(DDC, Posts.of("100"))), null, null, "cuts", SOURCES);

            ContractHistory history = ContractHistory.of(DDC, ledger(DDC_AWARD, ddcAward(), JOB_CUTS, cuts));

            assertThat(history.problems()).isEmpty();
            assertThat(history.holdings()).hasSize(1);
        }

        @Test
        void an_empty_history_has_no_current_holding() {
            assertThat(ContractHistory.empty().current()).isEmpty();
            assertThat(ContractHistory.of(DDC, Map.of()).holdings()).isEmpty();
        }
    }
}
