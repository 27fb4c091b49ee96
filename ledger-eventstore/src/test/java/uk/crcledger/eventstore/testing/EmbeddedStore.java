package uk.crcledger.eventstore.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import uk.crcledger.eventstore.LedgerMongoClients;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;

import java.nio.file.Path;
import java.util.Map;

/**
 * For tests: the embedded server on a data directory, a real driver connection to it, and the
 * ledger's storage engine on top. Closing it stops all three; starting one again on the same
 * directory finds the data.
 */
public final class EmbeddedStore implements AutoCloseable {

    public static final String DATABASE = "ledger";

    private final EmbeddedMongoServer server;
    private final MongoClient client;
    private final MongoLedgerStorageEngine engine;

    private EmbeddedStore(EmbeddedMongoServer server, MongoClient client, MongoLedgerStorageEngine engine) {
        this.server = server;
        this.client = client;
        this.engine = engine;
    }

    public static EmbeddedStore start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * A store for the ledger's events: {@code namedSubtypes} are the JSON type names of their polymorphic parts
     * ({@code EntryKinds.detailsTypes()}), see {@link LedgerSerializers#objectMapper(Map)}.
     */
    public static EmbeddedStore start(Path dataDir, Map<String, ? extends Class<?>> namedSubtypes) {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
        MongoClient client = LedgerMongoClients.create(server.connectionString());
        return new EmbeddedStore(server, client, engineOn(client.getDatabase(DATABASE), namedSubtypes));
    }

    public static MongoLedgerStorageEngine engineOn(MongoDatabase database) {
        return engineOn(database, Map.of());
    }

    public static MongoLedgerStorageEngine engineOn(MongoDatabase database,
                                                    Map<String, ? extends Class<?>> namedSubtypes) {
        return MongoLedgerStorageEngine.builder()
                .database(database)
                .eventSerializer(LedgerSerializers.jackson(namedSubtypes))
                .snapshotSerializer(LedgerSerializers.jackson(namedSubtypes))
                .build();
    }

    public EmbeddedMongoServer server() {
        return server;
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase database() {
        return client.getDatabase(DATABASE);
    }

    public MongoLedgerStorageEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
        client.close();
        server.close();
    }
}
