package uk.crcledger.api.seed;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.HoldingConflictException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/** How the seeder treats the gateway's answers, without an application. */
class ReferenceDataSeederTest {

    private static final MetaData BY_REFERENCE_DATA = MetaData.with("recordedBy", "reference-data");

    private final ReferenceLedger seed = ReferenceLedger.load();
    private final List<Object> commands = seed.commands();
    private final CommandGateway gateway = mock(CommandGateway.class);
    private final ReferenceDataSeeder seeder = new ReferenceDataSeeder(gateway, () -> seed);

    @Test
    void sendsEveryCommandInOrderAsReferenceData() {
        SeedOutcome outcome = seeder.seed();

        assertThat(outcome).isEqualTo(new SeedOutcome(91, 0, null, null));
        assertThat(outcome.summary()).isEqualTo("Reference data: 91 recorded, 0 already there");
        assertThat(seeder.outcome()).contains(outcome);
        var order = org.mockito.Mockito.inOrder(gateway);
        for (Object command : commands) {
            order.verify(gateway).sendAndWait(command, BY_REFERENCE_DATA);
        }
        verifyNoMoreInteractions(gateway);
    }

    @Test
    void countsWhatIsThereAlreadyAsDone() {
        when(gateway.sendAndWait(eq(commands.get(0)), any(MetaData.class)))
                .thenThrow(new AlreadyRecordedException("provider sodexo-nacro is already registered"));
        when(gateway.sendAndWait(eq(commands.get(40)), any(MetaData.class)))
                .thenThrow(new AggregateStreamCreationException("Cannot create aggregate"));

        assertThat(seeder.seed().summary()).isEqualTo("Reference data: 89 recorded, 2 already there");
    }

    @Test
    void retriesACommandThatMetAConcurrentWrite() {
        when(gateway.sendAndWait(eq(commands.get(30)), any(MetaData.class)))
                .thenThrow(new ConcurrencyException("Aggregate Crc cumbria-lancashire has been modified concurrently"))
                .thenThrow(new AlreadyRecordedException("entry award-2014-12-18-cumbria-lancashire already exists"));

        assertThat(seeder.seed()).isEqualTo(new SeedOutcome(90, 1, null, null));
        verify(gateway, times(2)).sendAndWait(commands.get(30), BY_REFERENCE_DATA);
    }

    @Test
    void stopsAtAnyOtherFailureNamingTheEntryWithoutThrowing() {
        Object award = commands.get(29);
        assertThat(ReferenceDataSeeder.nameOf(award)).isEqualTo("entry award-2014-12-18-northumbria");
        doThrow(new HoldingConflictException("northumbria is held by arcc on 2015-02-01"))
                .when(gateway).sendAndWait(award, BY_REFERENCE_DATA);

        SeedOutcome outcome = seeder.seed();

        assertThat(outcome).isEqualTo(new SeedOutcome(29, 0, "entry award-2014-12-18-northumbria",
                "northumbria is held by arcc on 2015-02-01"));
        assertThat(outcome.finished()).isFalse();
        verify(gateway, times(30)).sendAndWait(any(), any(MetaData.class));
    }

    @Test
    void anUnreadableSeedIsReportedNotThrown() {
        ReferenceDataSeeder broken = new ReferenceDataSeeder(gateway, () -> {
            throw new IllegalArgumentException("entry 3 (x) is not a valid contract-award");
        });

        assertThat(broken.seed()).isEqualTo(new SeedOutcome(0, 0, ReferenceLedger.RESOURCE,
                "entry 3 (x) is not a valid contract-award"));
        verifyNoMoreInteractions(gateway);
    }
}
