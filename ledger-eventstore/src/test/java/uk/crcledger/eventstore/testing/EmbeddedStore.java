package uk.crcledger.eventstore.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import uk.crcledger.eventstore.LedgerMongoClients;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;

import java.nio.file.Path;

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
        EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
        MongoClient client = LedgerMongoClients.create(server.connectionString());
        return new EmbeddedStore(server, client, engineOn(client.getDatabase(DATABASE)));
    }

    public static MongoLedgerStorageEngine engineOn(MongoDatabase database) {
        return MongoLedgerStorageEngine.builder()
                .database(database)
                .eventSerializer(LedgerSerializers.jackson())
                .snapshotSerializer(LedgerSerializers.jackson())
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
