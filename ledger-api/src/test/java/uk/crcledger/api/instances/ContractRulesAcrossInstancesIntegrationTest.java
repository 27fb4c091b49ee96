package uk.crcledger.api.instances;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.provider.RegisterProvider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules' copies of the CRC and provider aggregates ({@code ReplicatedContractRegister}) across two app
 * instances on one store: each instance keeps its own copies, and a contract change stored through one is what the
 * other's rules see at its next recording, however warm its copy was.
 */
class ContractRulesAcrossInstancesIntegrationTest {

    private static final MetaData BY_ALICE = MetaData.with("recordedBy", "alice");
    private static final CrcId DDC = CrcId.of("ddc");
    private static final ProviderId WORKING_LINKS = ProviderId.of("working-links");
    private static final ProviderId SEETEC = ProviderId.of("seetec");
    private static final LocalDate AFTER_TRANSFER = LocalDate.of(2020, 3, 1);
    private static final List<Source> SOURCES = List.of(new Source("Bench source", "Test", "https://example.org/s",
            null, LocalDate.of(2015, 1, 1)));

    @TempDir
    Path dir;

    @Test
    void aTransferStoredThroughOneInstanceBindsTheOthersNextRecording() {
        try (EmbeddedMongoServer store = EmbeddedMongoServer.start(dir.resolve("store"));
             ConfigurableApplicationContext a = start(store, "a");
             ConfigurableApplicationContext b = start(store, "b")) {
            CommandGateway onA = a.getBean(CommandGateway.class);
            CommandGateway onB = b.getBean(CommandGateway.class);
            onA.sendAndWait(new RegisterProvider(WORKING_LINKS, "Working Links", "private", List.of()), BY_ALICE);
            onA.sendAndWait(new RegisterProvider(SEETEC, "Seetec", "private", List.of()), BY_ALICE);
            onA.sendAndWait(new RegisterCrc(DDC, "Dorset, Devon and Cornwall", "DDC"), BY_ALICE);
            onA.sendAndWait(new RecordContractAward(EntryId.of("award-ddc"), DDC, WORKING_LINKS,
                    LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31), null, null,
                    SOURCES), BY_ALICE);
            // A's copy of the CRC is warm: Working Links holds it in 2020 as far as A has seen.
            onA.sendAndWait(cuts("cuts-1", WORKING_LINKS), BY_ALICE);

            onB.sendAndWait(new RecordContractEnd(EntryId.of("transfer-ddc"), DDC, LocalDate.of(2019, 2, 15),
                    ContractEndReason.TRANSFERRED, SEETEC, SOURCES), BY_ALICE);

            assertThatThrownBy(() -> onA.sendAndWait(cuts("cuts-2", WORKING_LINKS), BY_ALICE))
                    .isInstanceOf(HoldingConflictException.class)
                    .hasMessage("ddc is held by seetec on 2020-03-01, not working-links");
            assertThatCode(() -> onA.sendAndWait(cuts("cuts-3", SEETEC), BY_ALICE)).doesNotThrowAnyException();
            // And the other way round: B's copy, made now, sees what A stored.
            assertThatThrownBy(() -> onB.sendAndWait(cuts("cuts-3", SEETEC), BY_ALICE))
                    .hasMessage("entry cuts-3 already exists");
            assertThat(List.of(a, b)).allSatisfy(app -> assertThat(app.isActive()).isTrue());
        }
    }

    private static RecordJobCutAnnouncement cuts(String id, ProviderId provider) {
        return new RecordJobCutAnnouncement(EntryId.of(id), provider, AFTER_TRANSFER,
                List.of(AffectedCrc.of(DDC, Posts.of("20"))), null, null, "restructuring", SOURCES);
    }

    private ConfigurableApplicationContext start(EmbeddedMongoServer store, String name) {
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .run("--ledger.mongodb-uri=" + store.connectionString(), "--ledger.instance-id=instance-" + name,
                        "--ledger.data-dir=" + dir.resolve(name), "--ledger.seed=false",
                        "--ledger.admin-token=admin.rules-across-instances-0123456789");
    }
}
