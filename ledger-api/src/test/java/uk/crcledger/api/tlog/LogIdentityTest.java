package uk.crcledger.api.tlog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.eventstore.tlog.LogIntegrator;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.eventstore.tlog.TileStore;
import uk.crcledger.tlog.note.NoteSigner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who the log is: the origin defaults to this host's name until a checkpoint is signed, then stays
 * what the checkpoints say (a configured one that differs stops the start); the signing key is made
 * once into an owner-only file and read back, unless one is configured.
 */
class LogIdentityTest {

    @TempDir
    Path dir;

    @Test
    void theOriginIsConfiguredOrThisHostsUntilSignedAndThenNeverChanges() {
        try (EmbeddedStore store = EmbeddedStore.start(dir.resolve("store"))) {
            LogState state = new LogState(store.database());
            assertThat(LogIdentity.origin(null, state, "ledger-host")).isEqualTo("ledger-host/crc-ledger");
            assertThat(LogIdentity.origin(" ledger.example.org/tlog ", state, "ledger-host")).isEqualTo("ledger.example.org/tlog");

            NoteSigner signer = NoteSigner.generate("ledger.example.org/tlog");
            store.engine().appendEvents(TestEvents.commit("crc", 0, 1, "first"));
            try (LogIntegrator integrator = new LogIntegrator(store.engine(), new TileStore(store.database(), 8), state,
                    LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), "one", Duration.ofSeconds(10)),
                    signer, new LogIntegrator.Settings("ledger.example.org/tlog", Duration.ZERO, 64, Duration.ofMillis(50), "one"),
                    Clock.systemUTC())) {
                integrator.integrateOnce();
            }

            assertThat(LogIdentity.origin(null, state, "another-host")).isEqualTo("ledger.example.org/tlog");
            assertThat(LogIdentity.origin("ledger.example.org/tlog", state, "another-host")).isEqualTo("ledger.example.org/tlog");
            assertThatThrownBy(() -> LogIdentity.origin("elsewhere.example/tlog", state, "another-host"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot change").hasMessageContaining("ledger.example.org/tlog");
        }
    }

    @Test
    void theSigningKeyIsMadeOnceIntoAnOwnerOnlyFileUnlessOneIsConfigured() throws Exception {
        NoteSigner made = LogIdentity.signer(null, dir, "ledger.example.org/tlog");
        Path file = dir.resolve(LogIdentity.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(made.name()).isEqualTo("ledger.example.org/tlog");

        assertThat(LogIdentity.signer(null, dir, "ledger.example.org/tlog").verifierKey()).isEqualTo(made.verifierKey());

        NoteSigner shared = NoteSigner.generate("ledger.example.org/tlog");
        assertThat(LogIdentity.signer(shared.encoded(), dir, "ledger.example.org/tlog").verifierKey())
                .isEqualTo(shared.verifierKey());
        assertThatThrownBy(() -> LogIdentity.signer("PRIVATE+KEY+not-a-key", dir, "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ledger.tlog.signing-key");
    }
}
