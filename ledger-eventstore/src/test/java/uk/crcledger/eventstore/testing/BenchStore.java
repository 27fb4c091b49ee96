package uk.crcledger.eventstore.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.eventstore.LedgerMongoClients;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a benchmark runs: the embedded server on a fresh data directory (the default), or the
 * MongoDB given by {@code -Dbench.mongodb.uri=mongodb://...}, in a fresh database
 * {@code bench_<timestamp>_<random>} that is dropped again on close. Either way the client is
 * {@link LedgerMongoClients}' (the write and read concerns the ledger runs with) and the engine is
 * the ledger's, built as {@link EmbeddedStore#engineOn} builds it.
 * <p>
 * Benchmarks record {@link #label()} ("embedded" or "uri") in their JSON; the URI itself is never
 * reported (it may hold credentials).
 */
public final class BenchStore implements AutoCloseable {

    /** The system property naming a MongoDB to benchmark instead of the embedded server. */
    public static final String URI_PROPERTY = "bench.mongodb.uri";

    private static final Logger log = LoggerFactory.getLogger(BenchStore.class);

    private final String label;
    private final EmbeddedMongoServer server;
    private final MongoClient client;
    private final String databaseName;
    private final MongoLedgerStorageEngine engine;

    private BenchStore(String label, EmbeddedMongoServer server, MongoClient client, String databaseName) {
        this.label = label;
        this.server = server;
        this.client = client;
        this.databaseName = databaseName;
        this.engine = EmbeddedStore.engineOn(client.getDatabase(databaseName));
    }

    /**
     * Opens the store for one benchmark run: on the MongoDB of {@value #URI_PROPERTY} when it is set
     * (and not blank), else an embedded server keeping its data under {@code tempDir}.
     */
    public static BenchStore open(Path tempDir) {
        String uri = System.getProperty(URI_PROPERTY, "").trim();
        if (uri.isEmpty()) {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(tempDir.resolve("embedded-mongo"));
            try {
                return new BenchStore("embedded", server, LedgerMongoClients.create(server.connectionString()),
                        EmbeddedStore.DATABASE);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        String database = "bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        MongoClient client = LedgerMongoClients.create(uri);
        log.info("Benchmarking on the MongoDB of {} in the fresh database {}", URI_PROPERTY, database);
        try {
            return new BenchStore("uri", null, client, database);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** "embedded" or "uri": which kind of server the figures are from. */
    public String label() {
        return label;
    }

    public boolean embedded() {
        return server != null;
    }

    /** The embedded server, when that is what runs. */
    public Optional<EmbeddedMongoServer> server() {
        return Optional.ofNullable(server);
    }

    public MongoClient client() {
        return client;
    }

    public String databaseName() {
        return databaseName;
    }

    public MongoDatabase database() {
        return client.getDatabase(databaseName);
    }

    /** The ledger's engine on {@link #database()} (collections {@code events}, {@code snapshots}, ...). */
    public MongoLedgerStorageEngine engine() {
        return engine;
    }

    /**
     * Bytes the server uses for this run's data: the embedded server's file, or on a MongoDB the
     * database's storage and index sizes ({@code dbStats}); empty when the server does not say.
     */
    public OptionalLong storedBytes() {
        if (server != null) {
            return OptionalLong.of(server.fileSize());
        }
        try {
            Document stats = database().runCommand(new Document("dbStats", 1));
            return OptionalLong.of(((Number) stats.get("storageSize")).longValue()
                    + ((Number) stats.get("indexSize")).longValue());
        } catch (RuntimeException e) {
            log.warn("dbStats unavailable: {}", e.toString());
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
            if (server == null) {
                try {
                    database().drop();
                } catch (RuntimeException e) {
                    log.warn("Could not drop the benchmark database {}: {}", databaseName, e.toString());
                }
            }
        } finally {
            client.close();
            if (server != null) {
                server.close();
            }
        }
    }
}
