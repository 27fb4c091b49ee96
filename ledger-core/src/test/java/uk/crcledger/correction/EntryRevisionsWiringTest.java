package uk.crcledger.correction;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.contract.ReplicatedContractRegister;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.InMemoryEntryDirectory;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.UnknownReferenceException;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.kinds.EntryKinds;
import uk.crcledger.provider.Provider;
import uk.crcledger.provider.RegisterProvider;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.crcledger.TestLedger.*;

/**
 * The wiring the application needs, run through a real command bus and event store: every aggregate, the
 * {@link ReplicatedContractRegister} and {@link EntryDirectory} as components (resolved as handler parameters), and
 * {@link EntryRevisions} as a command handler. The directory learns the claims of the stored events, as the app's
 * reads them from the commits; that an id is refused when any entry holds it is the event store's (tested there and
 * through the app).
 */
class EntryRevisionsWiringTest {

    private static final EntryId WORKING_LINKS_AWARD = EntryId.of("award-ddc");
    private static final EntryId TRANSFER = EntryId.of("transfer-ddc");
    private static final EntryId SEETEC_CUTS = EntryId.of("cuts-seetec-ddc");
    private static final LocalDate CUTS_DAY = LocalDate.of(2019, 6, 1);

    private final InMemoryEntryDirectory directory = new InMemoryEntryDirectory();
    private Configuration configuration;
    private CommandGateway commands;
    private Clock previousClock;

    @BeforeEach
    void start() {
        previousClock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        InMemoryEventStorageEngine events = new InMemoryEventStorageEngine();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> events)
                .configureAggregate(Provider.class);
        // Every kind's aggregate, as the application configures them: a new kind needs no line here.
        EntryKinds.aggregates().forEach(configurer::configureAggregate);
        configuration = configurer
                .registerComponent(EntryDirectory.class, c -> directory)
                .registerComponent(ContractRegister.class, c -> new ReplicatedContractRegister(() -> events))
                .registerCommandHandler(c -> EntryKinds.revisions(c.getComponent(EntryDirectory.class),
                        c::repository))
                .buildConfiguration();
        configuration.eventStore().subscribe(stored -> stored.forEach(directory::learn));
        configuration.start();
        commands = configuration.commandGateway();
    }

    @AfterEach
    void stop() {
        configuration.shutdown();
        GenericEventMessage.clock = previousClock;
    }

    private void send(Object command) {
        commands.sendAndWait(command, BY_ALICE);
    }

    private void givenDdcTransferredToSeetec() {
        send(new RegisterProvider(WORKING_LINKS, "Working Links", "private", List.of("Working Links")));
        send(new RegisterProvider(SEETEC, "Seetec Business Technology Centre", "private", List.of("Seetec")));
        send(new RegisterCrc(DDC, "Dorset, Devon and Cornwall", "DDC"));
        send(new RecordContractAward(WORKING_LINKS_AWARD, DDC, WORKING_LINKS, SIGNED_ON, SHARE_SALE,
                SEVEN_YEARS_LATER, null, null, SOURCES));
        send(new RecordContractEnd(TRANSFER, DDC, WORKING_LINKS_COLLAPSE, ContractEndReason.TRANSFERRED, SEETEC,
                SOURCES));
    }

    private List<Object> payloadsOf(String aggregateId) {
        return configuration.eventStore().readEvents(aggregateId).asStream().map(EventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void job_cuts_see_the_successor_as_holder_after_a_transfer() {
        givenDdcTransferredToSeetec();

        send(new RecordJobCutAnnouncement(SEETEC_CUTS, SEETEC, CUTS_DAY,
                List.of(AffectedCrc.of(DDC, Posts.of("50"))), null, null, "Seetec restructures DDC", SOURCES));

        assertThat(payloadsOf(SEETEC_CUTS.value())).hasSize(1);
        assertThatThrownBy(() -> send(new RecordJobCutAnnouncement(EntryId.of("cuts-wl"), WORKING_LINKS, CUTS_DAY,
                List.of(AffectedCrc.of(DDC, Posts.of("50"))), null, null, "too late", SOURCES)))
                .isInstanceOf(HoldingConflictException.class)
                .hasMessage("ddc is held by seetec on 2019-06-01, not working-links");
    }

    @Test
    void corrects_an_entry_found_through_the_directory() {
        givenDdcTransferredToSeetec();
        send(new RecordJobCutAnnouncement(SEETEC_CUTS, SEETEC, CUTS_DAY,
                List.of(AffectedCrc.of(DDC, Posts.of("50"))), null, null, "Seetec restructures DDC", SOURCES));

        send(new CorrectEntry(SEETEC_CUTS, Map.of("totalPosts", "60"), "union figure"));

        assertThat(payloadsOf(SEETEC_CUTS.value())).last().isInstanceOfSatisfying(EntryCorrected.class, e ->
                assertThat(((JobCutAnnouncementDetails) e.correctedDetails()).totalPosts()).isEqualTo(Posts.of("60")));
    }

    @Test
    void retracts_a_contract_entry_in_its_crc_stream() {
        givenDdcTransferredToSeetec();

        send(new RetractEntry(TRANSFER, "recorded against the wrong CRC"));

        assertThat(payloadsOf("ddc")).last().isEqualTo(new EntryRetracted(TRANSFER, EntryType.CONTRACT_END,
                "recorded against the wrong CRC", ALICE, TODAY));
        assertThatThrownBy(() -> send(new RetractEntry(TRANSFER, "again")))
                .hasMessage("entry transfer-ddc was retracted on 2026-01-15 and cannot be retracted");
    }

    @Test
    void refuses_a_correction_of_an_entry_nobody_recorded() {
        assertThatThrownBy(() -> send(new CorrectEntry(EntryId.of("nothing"), Map.of("totalPosts", 1), "x")))
                .isInstanceOf(UnknownReferenceException.class)
                .hasMessage("unknown entry nothing");
    }

    @Test
    void refuses_an_award_naming_a_provider_nobody_registered() {
        send(new RegisterCrc(DDC, "Dorset, Devon and Cornwall", "DDC"));

        assertThatThrownBy(() -> send(new RecordContractAward(WORKING_LINKS_AWARD, DDC, WORKING_LINKS, SIGNED_ON,
                SHARE_SALE, SEVEN_YEARS_LATER, null, null, SOURCES)))
                .isInstanceOf(UnknownReferenceException.class)
                .hasMessage("unknown provider working-links: register it first");
        assertThat(directory.ownerOf(WORKING_LINKS_AWARD)).isEmpty();
    }

}
