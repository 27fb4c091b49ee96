package uk.crcledger.api;

import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.store.MongoStoreConfiguration.EmbeddedMongoServerHolder;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutsAnnounced;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.provider.RegisterProvider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application's command side on the embedded store: commands reach the aggregates, their
 * events land in MongoDB with who recorded them, and everything survives a restart.
 */
class CommandSideIntegrationTest {

    private static final CrcId WEST_YORKSHIRE = new CrcId("west-yorkshire");
    private static final ProviderId PURPLE_FUTURES = new ProviderId("purple-futures");
    private static final EntryId AWARD = new EntryId("award-west-yorkshire");
    private static final EntryId CUTS = new EntryId("cuts-purple-2016");
    private static final MetaData BY_ALICE = MetaData.with("recordedBy", "alice");
    private static final List<Source> SOURCES = List.of(new Source("Parliamentary question 221779",
            "UK Parliament", "https://questions-statements.parliament.uk/written-questions/detail/2015-01-26/221779",
            null, LocalDate.of(2015, 1, 26)));

    @TempDir
    Path dataDir;

    @Test
    void recordsCommandsAsEventsThatSurviveARestart() {
        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            givenWestYorkshireAwardedToPurpleFutures(commands);
            commands.sendAndWait(cuts(CUTS, LocalDate.of(2016, 1, 20)), BY_ALICE);
        }

        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            EventStore events = app.getBean(EventStore.class);
            // The job cut named West Yorkshire, which Purple Futures held: the rule read the award
            // back from the store, and the entry directory found the entry after the restart.
            commands.sendAndWait(new CorrectEntry(CUTS, Map.of("totalPosts", 120), "Napo figure"),
                    MetaData.with("recordedBy", "bob"));

            assertThat(events.readEvents(CUTS.value()).asStream().map(m -> m.getPayload()).toList())
                    .hasSize(2)
                    .first().isInstanceOfSatisfying(JobCutsAnnounced.class,
                            cut -> assertThat(cut.recordedBy().name()).isEqualTo("alice"));
            assertThat(events.readEvents(CUTS.value()).asStream().map(m -> m.getPayload()).toList().get(1))
                    .isInstanceOfSatisfying(EntryCorrected.class,
                            corrected -> assertThat(corrected.recordedBy().name()).isEqualTo("bob"));
            assertThatThrownBy(() -> commands.sendAndWait(new RecordJobCutAnnouncement(
                    new EntryId("cuts-wrong-owner"), new ProviderId("purple-futures"), LocalDate.of(2014, 6, 1),
                    List.of(AffectedCrc.of(WEST_YORKSHIRE, null)), Posts.of("10"), null, "before the award", SOURCES),
                    BY_ALICE))
                    .isInstanceOf(HoldingConflictException.class)
                    .hasMessage("west-yorkshire is held by no provider on 2014-06-01, not purple-futures");
            // One commit per accepted command; the refused one stored nothing.
            assertThat(app.getBean(MongoDatabase.class).getCollection("events").countDocuments()).isEqualTo(5);
        }
    }

    @Test
    void claimsAnEntryIdWithItsEventsSoARefusedRecordingBurnsNoIdAndARecordedOneCannotBeRepeated() {
        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            var commits = app.getBean(MongoDatabase.class).getCollection("events");
            givenWestYorkshireAwardedToPurpleFutures(commands);
            long stored = commits.countDocuments();

            // Refused by a rule: nothing stored, so the id stays free.
            assertThatThrownBy(() -> commands.sendAndWait(cuts(CUTS, LocalDate.of(2014, 6, 1)), BY_ALICE))
                    .isInstanceOf(HoldingConflictException.class);
            assertThat(commits.countDocuments()).isEqualTo(stored);
            commands.sendAndWait(cuts(CUTS, LocalDate.of(2016, 1, 20)), BY_ALICE);
            // The award's id, held by an entry in the CRC's stream: only the claim in the commits knows it.
            assertThatThrownBy(() -> commands.sendAndWait(cuts(AWARD, LocalDate.of(2016, 1, 20)), BY_ALICE))
                    .isInstanceOf(AlreadyRecordedException.class)
                    .hasMessage("entry award-west-yorkshire already exists");
            assertThatThrownBy(() -> commands.sendAndWait(cuts(CUTS, LocalDate.of(2016, 1, 21)), BY_ALICE))
                    .isInstanceOf(AlreadyRecordedException.class)
                    .hasMessage("entry cuts-purple-2016 already exists");

            assertThat(commits.countDocuments()).isEqualTo(stored + 1);
            assertThat(app.getBean(EntryDirectory.class).ownerOf(AWARD))
                    .contains(EntryOwner.contractsOfCrc(EntryType.CONTRACT_AWARD, WEST_YORKSHIRE.value()));
            assertThat(app.getBean(EntryDirectory.class).ownerOf(CUTS))
                    .contains(EntryOwner.ownAggregate(EntryType.JOB_CUT_ANNOUNCEMENT, CUTS));
            assertThat(app.getBean(MongoDatabase.class).listCollectionNames().into(new java.util.ArrayList<>()))
                    .doesNotContain("entry_directory");
        }
    }

    @Test
    void movesTheEntryDirectoryOfAnEarlierVersionIntoTheCommits() {
        EntryId burnt = new EntryId("cuts-never-stored");
        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            givenWestYorkshireAwardedToPurpleFutures(commands);
            commands.sendAndWait(cuts(CUTS, LocalDate.of(2016, 1, 20)), BY_ALICE);
            // What an earlier version left: commits that claim nothing, and a directory written beside them,
            // with an id whose append had failed.
            MongoDatabase database = app.getBean(MongoDatabase.class);
            database.getCollection("events").updateMany(new org.bson.Document(),
                    com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.unset("key"),
                            com.mongodb.client.model.Updates.unset("keyKind")));
            database.getCollection("entry_directory").insertMany(List.of(
                    new org.bson.Document("_id", AWARD.value()).append("type", "CONTRACT_AWARD")
                            .append("aggregateId", WEST_YORKSHIRE.value()),
                    new org.bson.Document("_id", CUTS.value()).append("type", "JOB_CUT_ANNOUNCEMENT")
                            .append("aggregateId", CUTS.value()),
                    new org.bson.Document("_id", burnt.value()).append("type", "JOB_CUT_ANNOUNCEMENT")
                            .append("aggregateId", burnt.value())));
            assertThat(app.getBean(EntryDirectory.class).ownerOf(CUTS)).isEmpty();
        }

        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            assertThat(app.getBean(EntryDirectory.class).ownerOf(AWARD))
                    .contains(EntryOwner.contractsOfCrc(EntryType.CONTRACT_AWARD, WEST_YORKSHIRE.value()));
            commands.sendAndWait(new CorrectEntry(CUTS, Map.of("totalPosts", 120), "Napo figure"), BY_ALICE);
            assertThatThrownBy(() -> commands.sendAndWait(cuts(AWARD, LocalDate.of(2016, 1, 20)), BY_ALICE))
                    .isInstanceOf(AlreadyRecordedException.class);
            // The id the old directory burnt is free again.
            commands.sendAndWait(cuts(burnt, LocalDate.of(2016, 2, 1)), BY_ALICE);
            assertThat(app.getBean(MongoDatabase.class).listCollectionNames().into(new java.util.ArrayList<>()))
                    .doesNotContain("entry_directory");
        }
    }

    private static void givenWestYorkshireAwardedToPurpleFutures(CommandGateway commands) {
        commands.sendAndWait(new RegisterCrc(WEST_YORKSHIRE, "West Yorkshire", null), BY_ALICE);
        commands.sendAndWait(new RegisterProvider(PURPLE_FUTURES, "Purple Futures", "private-led consortium",
                List.of("Interserve", "3SC")), BY_ALICE);
        commands.sendAndWait(new RecordContractAward(AWARD, WEST_YORKSHIRE, PURPLE_FUTURES,
                LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31), null,
                null, SOURCES), BY_ALICE);
    }

    private static RecordJobCutAnnouncement cuts(EntryId id, LocalDate announcedOn) {
        return new RecordJobCutAnnouncement(id, PURPLE_FUTURES, announcedOn,
                List.of(AffectedCrc.of(WEST_YORKSHIRE, null)), Posts.of("100"), null, "restructuring", SOURCES);
    }

    @Test
    void usesAConfiguredMongoDbInsteadOfStartingOne() {
        try (EmbeddedMongoServer external = EmbeddedMongoServer.start(dataDir.resolve("external"));
             ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir.resolve("unused"),
                     "--ledger.mongodb-uri=" + external.connectionString())) {
            assertThat(app.getBean(EmbeddedMongoServerHolder.class).server()).isNull();
            app.getBean(CommandGateway.class).sendAndWait(new RegisterCrc(WEST_YORKSHIRE, "West Yorkshire", null),
                    BY_ALICE);

            assertThat(app.getBean(MongoDatabase.class).getCollection("events").countDocuments()).isEqualTo(1);
            assertThat(dataDir.resolve("unused").resolve("ledger.mv.db")).doesNotExist();
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--ledger.seed=false";
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE).run(all);
    }
}
