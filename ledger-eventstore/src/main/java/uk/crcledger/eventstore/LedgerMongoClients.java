package uk.crcledger.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The one way the ledger connects to MongoDB, embedded or real: an append is acknowledged only
 * once a majority of the replica set has it in its journal, and reads see only such writes, so a
 * processor never projects an event that a failover could roll back. The embedded server accepts
 * and ignores both settings (it is one durable node, see {@code DurableH2Backend}).
 */
public final class LedgerMongoClients {

    private LedgerMongoClients() {
    }

    public static MongoClient create(String connectionString) {
        return MongoClients.create(settings(connectionString));
    }

    public static MongoClientSettings settings(String connectionString) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readConcern(ReadConcern.MAJORITY)
                .applicationName("crc-ledger")
                .build();
    }
}
