package uk.crcledger.api.security;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.crcledger.eventstore.LedgerMongoClients;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;
import uk.crcledger.api.store.MongoApiTokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first admin token and the token store, against the embedded store, without the web. */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenBootstrapTest {

    @TempDir
    Path dir;

    private EmbeddedMongoServer server;
    private MongoClient client;
    private ApiTokenStore store;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(dir.resolve("db"));
        client = LedgerMongoClients.create(server.connectionString());
        MongoDatabase database = client.getDatabase("ledger");
        store = new ApiTokenStore(new MongoApiTokens(database), Clock.fixed(Instant.parse("2026-01-02T03:04:05.678912Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void withoutAConfiguredTokenGeneratesOneIntoAnOwnerOnlyFileAndLogsOnlyWhereItIs(CapturedOutput output)
            throws IOException {
        Path dataDir = dir.resolve("data");

        ApiToken made = new AdminTokenBootstrap(store, null, dataDir).bootstrap().orElseThrow();

        Path file = dataDir.resolve("admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(token).startsWith(made.id() + ".");
        assertThat(made.role()).isEqualTo(Role.ADMIN);
        assertThat(made.name()).isEqualTo("admin");
        assertThat(made.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(store.authenticate(token)).hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(made.id()));
        assertThat(output.getAll()).contains(file.toAbsolutePath().toString()).doesNotContain(token)
                .doesNotContain(token.substring(made.id().length() + 1));
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void runsOnlyWhileThereIsNoTokenAtAll() throws IOException {
        Path dataDir = dir.resolve("data");
        new AdminTokenBootstrap(store, null, dataDir).bootstrap().orElseThrow();
        String first = Files.readString(dataDir.resolve("admin.token"));

        assertThat(new AdminTokenBootstrap(store, null, dataDir).bootstrap()).isEmpty();
        assertThat(new AdminTokenBootstrap(store, "other.configured-secret-123456", dataDir).bootstrap()).isEmpty();
        assertThat(Files.readString(dataDir.resolve("admin.token"))).isEqualTo(first);
        assertThat(store.list()).hasSize(1);

        // A revoked token still counts: revoking every token does not re-open the bootstrap.
        store.revoke(store.list().get(0).id());
        assertThat(new AdminTokenBootstrap(store, null, dataDir).bootstrap()).isEmpty();
    }

    @Test
    void aConfiguredTokenWorksVerbatimWhateverItsForm(CapturedOutput output) {
        Path dataDir = dir.resolve("data");
        String configured = "ops.configured-secret-0123456789";

        ApiToken made = new AdminTokenBootstrap(store, "  " + configured + "\n", dataDir).bootstrap().orElseThrow();

        assertThat(made.id()).isEqualTo("ops");
        assertThat(store.authenticate(configured)).isPresent();
        assertThat(Files.exists(dataDir.resolve("admin.token"))).isFalse();
        assertThat(output.getAll()).doesNotContain("configured-secret-0123456789");
    }

    @Test
    void aConfiguredTokenWithoutAnIdIsTheSecretOfTheTokenNamedAdmin() {
        String configured = "just-one-long-secret/without+an=id";
        ApiToken made = new AdminTokenBootstrap(store, configured, dir).bootstrap().orElseThrow();

        assertThat(made.id()).isEqualTo(TokenCredentials.FALLBACK_ID);
        assertThat(store.authenticate(configured)).isPresent();
        assertThat(store.authenticate("admin." + configured)).isPresent();
        assertThat(store.authenticate("just-one-long-secret")).isEmpty();
    }

    @Test
    void aConfiguredTokenWithSpacesIsRefusedAtStart() {
        assertThatThrownBy(() -> new AdminTokenBootstrap(store, "two words", dir).bootstrap())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEDGER_ADMIN_TOKEN")
                .hasMessageNotContaining("two words");
        assertThat(store.isEmpty()).isTrue();
    }

    @Test
    void theStoreAcceptsOnlyTheRightSecretOfAnActiveToken() {
        ApiTokenStore.Issued issued = store.create("alice", Role.EDITOR);
        String bearer = issued.bearer();
        String id = issued.token().id();

        assertThat(store.authenticate(bearer)).hasValueSatisfying(token -> {
            assertThat(token.name()).isEqualTo("alice");
            assertThat(token.role()).isEqualTo(Role.EDITOR);
        });
        assertThat(store.authenticate(bearer + "x")).isEmpty();
        assertThat(store.authenticate(id + ".")).isEmpty();
        assertThat(store.authenticate("zzzzzzzzzzzz" + bearer.substring(id.length()))).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate("has space")).isEmpty();
        assertThat(issued.toString()).doesNotContain(bearer.substring(id.length() + 1));

        assertThat(store.revoke(id)).hasValueSatisfying(token -> assertThat(token.revokedAt()).isNotNull());
        assertThat(store.authenticate(bearer)).isEmpty();
        assertThat(store.find(id)).hasValueSatisfying(token -> assertThat(token.active()).isFalse());
        assertThat(store.revoke("unknown")).isEmpty();
    }

    @Test
    void theOwnerOnlyFileReplacesAnOldOne() throws IOException {
        Path file = dir.resolve("nested/dir/admin.token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AdminTokenBootstrap.writeOwnerOnly(file, "new\n");

        assertThat(Files.readString(file)).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
