package uk.crcledger.provider;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.InvalidEntryException;

import java.util.List;

import static uk.crcledger.TestLedger.*;

/** Specification of provider registration. */
class ProviderTest {

    private static final List<String> PURPLE_MEMBERS =
            List.of("Interserve (80% of shares)", "3SC", "Addaction", "P3", "Shelter");
    private static final ProviderRegistered PURPLE_REGISTERED = new ProviderRegistered(PURPLE_FUTURES,
            "Purple Futures", "private-led consortium", PURPLE_MEMBERS, ALICE);

    private FixtureConfiguration<Provider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Provider.class);
    }

    @Test
    void registers_a_provider_with_its_members() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(PURPLE_FUTURES, "Purple Futures", "private-led consortium",
                        PURPLE_MEMBERS), BY_ALICE)
                .expectEvents(PURPLE_REGISTERED);
    }

    @Test
    void registers_a_provider_without_kind_or_members() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(SEETEC, "Seetec", null, null), BY_ALICE)
                .expectEvents(new ProviderRegistered(SEETEC, "Seetec", null, List.of(), ALICE));
    }

    @Test
    void refuses_to_register_a_provider_twice() {
        fixture.given(PURPLE_REGISTERED)
                .when(new RegisterProvider(PURPLE_FUTURES, "Purple Futures", null, List.of()), BY_ALICE)
                .expectException(AlreadyRecordedException.class)
                .expectExceptionMessage("provider purple-futures is already registered");
    }

    @Test
    void refuses_a_provider_without_a_name() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(SEETEC, "", null, List.of()), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("name is required");
    }

    @Test
    void refuses_a_registration_without_who_recorded_it() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(SEETEC, "Seetec", null, List.of()))
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("an entry needs who recorded it (metadata 'recordedBy')");
    }
}
