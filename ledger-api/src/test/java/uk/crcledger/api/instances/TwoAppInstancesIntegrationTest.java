package uk.crcledger.api.instances;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.eventstore.LedgerMongoClients;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;
import uk.crcledger.eventstore.tlog.LogIntegrator;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.register.CrcId;
import uk.crcledger.timeline.LedgerReadModel;
import uk.crcledger.tlog.note.NoteSigner;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app instances share one embedded store served on loopback (what {@code java -jar ... server}
 * runs): they split the read model's segments, a command on either is visible on both, a rebuild
 * asked for on one while the other holds segments completes and changes no answer, and when one
 * is killed (kill -9 of its JVM) the other takes its segments over; exactly one integrates the
 * transparency log, both serve the same checkpoint, and the survivor takes the log over too.
 */
class TwoAppInstancesIntegrationTest {

    private static final String ADMIN = "admin.two-instances-secret-0123456789";
    /** Instances that share a ledger share its log's signing key. */
    private static final NoteSigner KEY = NoteSigner.generate("two-instances.test/tlog");

    @TempDir
    Path dir;

    @Test
    void shareTheWorkAndTakeOverWhenOneDies() throws Exception {
        try (EmbeddedMongoServer store = EmbeddedMongoServer.start(dir.resolve("store"));
             MongoClient client = LedgerMongoClients.create(store.connectionString())) {
            int portB = freePort();
            Process b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                    "--server.port=" + portB, "--ledger.mongodb-uri=" + store.connectionString(),
                    "--ledger.instance-id=instance-b", "--ledger.data-dir=" + dir.resolve("b"),
                    "--ledger.seed=false", "--ledger.admin-token=" + ADMIN, "--ledger.claim-timeout=3s",
                    "--ledger.read-model.balance=300ms", "--ledger.tlog.signing-key=" + KEY.encoded(),
                    "--ledger.tlog.checkpoint-interval=100ms")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("b.log").toFile()).start();
            // B takes the log's integrator first, so that killing it below makes A take the log over.
            await().atMost(Duration.ofSeconds(90)).until(() -> "instance-b".equals(tlogOwner(client)));
            try (ConfigurableApplicationContext a = new SpringApplicationBuilder(LedgerApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--ledger.mongodb-uri=" + store.connectionString(), "--ledger.instance-id=instance-a",
                            "--ledger.data-dir=" + dir.resolve("a"), "--ledger.seed=false",
                            "--ledger.admin-token=" + ADMIN, "--ledger.claim-timeout=3s",
                            "--ledger.read-model.balance=300ms", "--ledger.tlog.signing-key=" + KEY.encoded(),
                            "--ledger.tlog.checkpoint-interval=100ms")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> owners(client).containsAll(
                        Set.of("instance-a", "instance-b")));
                // The token store says who owns what a moment before A's processor has let go of a
                // segment (or picked one up), so wait for A's own view to agree.
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    int held = segmentsOf(a).get().processingStatus().size();
                    return held > 0 && held < 4;
                });

                // A command on A is visible through B, one on B through A.
                a.getBean(CommandGateway.class).sendAndWait(new RegisterCrc(CrcId.of("essex"), "Essex", null),
                        MetaData.with("recordedBy", "alice"));
                await().atMost(Duration.ofSeconds(30)).until(() -> get(portB, "/api/crcs/essex") == 200);
                assertThat(post(portB, "/api/crcs", "{\"crcId\":\"kss\",\"name\":\"Kent, Surrey and Sussex\"}"))
                        .isEqualTo(201);
                LedgerReadModel readModel = a.getBean(LedgerReadModel.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> readModel.live().crc("kss").isPresent());

                // A rebuild asked for on B while A holds segments: A gives them back, B rebuilds, both
                // answer as before and share the segments again.
                await().atMost(Duration.ofSeconds(30)).until(() -> get(portB, "/api/crcs/kss") == 200);
                String essex = body(portB, "/api/crcs/essex");
                String kss = body(portB, "/api/crcs/kss");
                var kssOnA = readModel.live().crc("kss");
                assertThat(post(portB, "/api/admin/projections/" + LedgerReadModel.PROCESSOR + "/rebuild", "{}"))
                        .isEqualTo(202);
                await().atMost(Duration.ofSeconds(60)).until(() -> readModel.versions().state().active() == 2
                        && readModel.versions().state().rebuilder() == null);
                assertThat(body(portB, "/api/crcs/essex")).isEqualTo(essex);
                assertThat(body(portB, "/api/crcs/kss")).isEqualTo(kss);
                assertThat(readModel.live().crc("kss")).isEqualTo(kssOnA);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    int held = segmentsOf(a).get().processingStatus().size();
                    return held > 0 && held < 4;
                });

                // Exactly one integrates the transparency log; both serve the same checkpoint, under one key.
                LogReader log = a.getBean(LogReader.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> log.latest().map(c -> c.size() == 2).orElse(false));
                assertThat(tlogOwner(client)).isEqualTo("instance-b");
                assertThat(a.getBean(LogIntegrator.class).isIntegrating()).isFalse();
                assertThat(body(portB, "/tlog/checkpoint")).isEqualTo(log.latest().orElseThrow().note());
                assertThat(body(portB, "/tlog/vkey").strip()).isEqualTo(KEY.verifierKey().encoded());

                // B dies without a word; A takes every segment once B's claims time out.
                b.destroyForcibly();
                b.waitFor();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> segmentsOf(a).get().processingStatus().size() == 4);
                a.getBean(CommandGateway.class).sendAndWait(new RegisterCrc(CrcId.of("wales"), "Wales", null),
                        MetaData.with("recordedBy", "alice"));
                await().atMost(Duration.ofSeconds(30)).until(() -> readModel.live().crc("wales").isPresent());
                assertThat(owners(client)).containsOnly("instance-a");
                // ... and the log: A integrates and signs the entry recorded after B died.
                await().atMost(Duration.ofSeconds(60)).until(() -> "instance-a".equals(tlogOwner(client)));
                await().atMost(Duration.ofSeconds(30)).until(() -> log.latest().map(c -> c.size() == 3).orElse(false));
                assertThat(uk.crcledger.tlog.note.SignedNote.parse(log.latest().orElseThrow().note())
                        .verify(KEY.verifierKey())).isTrue();
            } finally {
                b.destroyForcibly();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Supplier<StreamingEventProcessor> segmentsOf(ConfigurableApplicationContext app) {
        return app.getBean("ledgerReadModelProcessorLookup", Supplier.class);
    }

    private static String tlogOwner(MongoClient client) {
        try {
            Document token = client.getDatabase("ledger").getCollection(LedgerTokenStores.COLLECTION)
                    .find(Filters.eq("processorName", LogIntegrator.NAME)).first();
            return token == null ? null : token.getString("owner");
        } catch (RuntimeException e) {
            return null; // not there yet
        }
    }

    private static String body(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> owners(MongoClient client) {
        Set<String> owners = new HashSet<>();
        for (Document token : client.getDatabase("ledger").getCollection(LedgerTokenStores.COLLECTION)
                .find(Filters.eq("processorName", LedgerReadModel.PROCESSOR)).into(new ArrayList<>())) {
            if (token.getString("owner") != null) {
                owners.add(token.getString("owner"));
            }
        }
        return owners;
    }

    private static int get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build());
    }

    private static int post(int port, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static int send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
