package uk.crcledger.api;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import uk.crcledger.timeline.CrcView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.readmodel.ReadModelMaintenance;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Source;
import uk.crcledger.provider.RegisterProvider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;
import uk.crcledger.timeline.LedgerReadModel;
import uk.crcledger.timeline.TimelineFilter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The app fills its read model from the commands it takes, and rebuilds it on request. */
class ReadModelIntegrationTest {

    private static final MetaData BY_ALICE = MetaData.with("recordedBy", "alice");

    @TempDir
    Path dataDir;

    @Test
    void projectsRecordedEntriesAndRebuildsThemIdentically() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--ledger.data-dir=" + dataDir, "--ledger.read-model.balance=200ms", "--ledger.seed=false")) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            commands.sendAndWait(new RegisterCrc(CrcId.of("west-yorkshire"), "West Yorkshire", null), BY_ALICE);
            commands.sendAndWait(new RegisterProvider(ProviderId.of("purple-futures"), "Purple Futures", "consortium",
                    List.of("Interserve")), BY_ALICE);
            commands.sendAndWait(new RecordContractAward(EntryId.of("award-wy"), CrcId.of("west-yorkshire"),
                    ProviderId.of("purple-futures"), LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1),
                    LocalDate.of(2022, 1, 31), null, null, List.of(new Source("PQ 221779", "UK Parliament",
                            "https://questions-statements.parliament.uk/written-questions/detail/2015-01-26/221779",
                            null, LocalDate.of(2015, 1, 26)))), BY_ALICE);
            LedgerReadModel readModel = app.getBean(LedgerReadModel.class);

            await().atMost(Duration.ofSeconds(30)).until(() -> readModel.live()
                    .crcTimeline("west-yorkshire", TimelineFilter.all()).map(t -> t.total() == 1).orElse(false));
            CrcView crc = readModel.live().crc("west-yorkshire").orElseThrow();
            assertThat(crc.currentProviderName()).isEqualTo("Purple Futures");

            ReadModelMaintenance maintenance = app.getBean(ReadModelMaintenance.class);
            assertThat(maintenance.rebuild().state()).isEqualTo("rebuilding");
            await().atMost(Duration.ofSeconds(30)).until(() -> maintenance.status().state().equals("live"));
            assertThat(maintenance.status().activeVersion()).isEqualTo(2);
            assertThat(readModel.live().crc("west-yorkshire")).contains(crc);
        }
    }
}
