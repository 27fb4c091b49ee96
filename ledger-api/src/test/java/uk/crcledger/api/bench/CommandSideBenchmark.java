package uk.crcledger.api.bench;

import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.eventstore.testing.BenchReport;
import uk.crcledger.eventstore.testing.RawLimits;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.provider.RegisterProvider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest through the command side of the app as it runs (its Spring context in this JVM, the
 * embedded store or {@code bench.mongodb.uri}): job cuts recorded with Axon's command gateway by 1
 * and 8 concurrent clients, each through the rules' copy of the CRC, its aggregate and the event store's one write,
 * beside the raw driver inserting equivalent documents into the same server at the same concurrency.
 * First {@code bench.warmupCommands} (4,000) job cuts and as many raw inserts, unmeasured, for the JIT.
 * Prints a table and writes {@code target/bench/command-side.json}. Run alone:
 * {@code mvn -B -Pbench verify -pl ledger-api -am -Dtest=CommandSideBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class CommandSideBenchmark {

    private static final CrcId CRC = CrcId.of("bench-crc");
    private static final ProviderId PROVIDER = ProviderId.of("bench-provider");
    private static final List<Source> SOURCES = List.of(new Source("Bench source", "Bench", "https://example.org/b",
            null, LocalDate.of(2016, 1, 1)));
    private static final MetaData BY = MetaData.with("recordedBy", "bench");

    private final AtomicLong ids = new AtomicLong();

    @Test
    void measure() throws Exception {
        int entries = Integer.getInteger("bench.commands", 2_000);
        int warmup = Integer.getInteger("bench.warmupCommands", 4_000);
        Path dataDir = TestDirectories.temporary("command-side-bench");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--ledger.data-dir=" + dataDir,
                "--ledger.seed=false", "--ledger.admin-token=admin.command-side-bench-0123456789"));
        String uri = System.getProperty("bench.mongodb.uri");
        if (uri != null && !uri.isBlank()) {
            args.add("--ledger.mongodb-uri=" + uri);
            args.add("--ledger.database=bench_commands_" + System.currentTimeMillis());
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("store", uri == null || uri.isBlank() ? "embedded" : "uri");
        results.put("warmupCommands", warmup);
        results.put("loadAverageAtStart", BenchReport.loadAverage());
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run(args.toArray(String[]::new))) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            MongoDatabase database = app.getBean(MongoDatabase.class);
            commands.sendAndWait(new RegisterCrc(CRC, "Bench CRC", null), BY);
            commands.sendAndWait(new RegisterProvider(PROVIDER, "Bench provider", "private", List.of("Bench")), BY);
            commands.sendAndWait(new RecordContractAward(EntryId.of("bench-award"), CRC, PROVIDER,
                    LocalDate.of(2014, 12, 18), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31), null, null,
                    SOURCES), BY);
            // Warm-up: enough commands for the JIT to compile the command path (a few hundred left it interpreted).
            record(commands, 8, warmup);
            RawLimits.insertRate(database, 8, warmup);
            for (int clients : new int[] {1, 8}) {
                long ours = record(commands, clients, entries);
                long raw = RawLimits.insertRate(database, clients, entries);
                results.put("entriesPerSecond" + clients + "Clients", ours);
                results.put("rawInsertsPerSecond" + clients + "Clients", raw);
                results.put("ingestRatio" + clients + "Clients", BenchReport.ratio(ours, raw));
            }
            if (uri != null && !uri.isBlank()) {
                database.drop();
            }
        }
        results.put("ingestRatioTarget", 0.6);
        results.put("loadAverageAtEnd", BenchReport.loadAverage());
        BenchReport.write("command-side", results);
    }

    /** Records {@code count} job cuts from {@code clients} threads; answers entries recorded per second. */
    private long record(CommandGateway commands, int clients, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        int each = count / clients;
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    long n = ids.incrementAndGet();
                    commands.sendAndWait(new RecordJobCutAnnouncement(EntryId.of("bench-cuts-" + n), PROVIDER,
                            LocalDate.of(2016, 1, 20), List.of(AffectedCrc.of(CRC, null)),
                            Posts.of(String.valueOf(1 + n % 500)), null, "bench cuts " + n, SOURCES), BY);
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return BenchReport.rate((long) each * clients, started);
    }
}
