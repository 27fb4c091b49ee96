package uk.crcledger.withholding;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.InvalidEntryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static uk.crcledger.TestLedger.ALICE;
import static uk.crcledger.TestLedger.BY_ALICE;

/** Specification of withholding a payload: one withholding per ledger position, with a reason. */
class PayloadWithholdingTest {

    private static final EntryId ENTRY = EntryId.of("job-cuts-2016-01-20-0a1b2c3d");
    private static final long POSITION = 42;
    private static final String COURT_ORDER = "Anonymity order under s.11 Contempt of Court Act 1981";
    private static final String REFERENCE = "QB-2026-000123";
    private static final PayloadWithheld WITHHELD =
            new PayloadWithheld(ENTRY, POSITION, COURT_ORDER, REFERENCE, ALICE);

    private FixtureConfiguration<PayloadWithholding> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PayloadWithholding.class);
    }

    @Test
    void withholds_a_payload_with_its_reason_and_reference() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(ENTRY, POSITION, COURT_ORDER, REFERENCE), BY_ALICE)
                .expectEvents(WITHHELD);
    }

    @Test
    void targets_the_one_aggregate_named_after_the_position() {
        assertThat(new WithholdPayload(ENTRY, POSITION, COURT_ORDER, null).withholdingId())
                .isEqualTo(PayloadWithholding.idFor(POSITION)).isEqualTo("payload-withholding-42");
    }

    @Test
    void withholds_without_a_reference_and_strips_the_reason() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(ENTRY, POSITION, "  " + COURT_ORDER + " ", " "), BY_ALICE)
                .expectEvents(new PayloadWithheld(ENTRY, POSITION, COURT_ORDER, null, ALICE));
    }

    @Test
    void refuses_to_withhold_the_same_position_twice() {
        fixture.given(WITHHELD)
                .when(new WithholdPayload(ENTRY, POSITION, "a second order", null), BY_ALICE)
                .expectException(AlreadyRecordedException.class)
                .expectExceptionMessage("the payload at ledger position 42 is already withheld");
    }

    @Test
    void refuses_a_withholding_without_a_reason() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(ENTRY, POSITION, " ", REFERENCE), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("a withholding needs a reason");
    }

    @Test
    void refuses_a_reason_longer_than_the_limit() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(ENTRY, POSITION, "x".repeat(PayloadWithholding.MAX_REASON + 1), null),
                        BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage(containsString("more than 500"));
    }

    @Test
    void refuses_a_reference_longer_than_the_limit() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(ENTRY, POSITION, COURT_ORDER,
                        "r".repeat(PayloadWithholding.MAX_REFERENCE + 1)), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage(containsString("more than 200"));
    }

    @Test
    void refuses_a_position_that_is_not_a_ledger_position() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(ENTRY, 0, COURT_ORDER, null), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("position must be a ledger position (at least 1), was 0");
    }

    @Test
    void refuses_a_withholding_without_an_entry() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(null, POSITION, COURT_ORDER, null), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("entryId is required");
    }

    @Test
    void refuses_a_withholding_without_who_recorded_it() {
        fixture.givenNoPriorActivity()
                .when(new WithholdPayload(ENTRY, POSITION, COURT_ORDER, null))
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("an entry needs who recorded it (metadata 'recordedBy')");
    }
}
