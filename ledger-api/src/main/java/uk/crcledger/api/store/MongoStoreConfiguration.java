package uk.crcledger.api.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import uk.crcledger.eventstore.LedgerMongoClients;
import uk.crcledger.entry.EntryClaim;
import uk.crcledger.entry.EntryId;
import uk.crcledger.eventstore.CommitKey;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.projection.ReadModelStore;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.eventstore.embedded.EmbeddedMongoServer;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.eventstore.tlog.TileStore;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.kinds.EntryKinds;


/**
 * Connects the ledger to MongoDB: the configured replica set, or else the embedded server on
 * {@code ledger.data-dir}. Everything Axon stores (events, snapshots, tokens), every read
 * model, the transparency log's tiles and state and the entry directory go through the one client
 * made here.
 * <p>
 * The Axon Mongo extension's Spring Boot starter is deliberately not used: it registers a MongoDB
 * transaction manager, which fails on the embedded server (no sessions), and its storage engine
 * lacks a global position. The pieces are wired here instead.
 */
@Configuration(proxyBeanMethods = false)
public class MongoStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoStoreConfiguration.class);
    /** Full tiles are 8 KiB and never change: 2,048 of them (16 MiB) hold the top of a 500k-leaf tree. */
    private static final long CACHED_FULL_TILES = 2_048;

    /** Started only when no MongoDB URI is configured. */
    @Bean(destroyMethod = "close")
    EmbeddedMongoServerHolder embeddedMongoServer(LedgerStoreProperties properties, Environment environment) {
        String uri = configuredUri(properties, environment);
        if (uri != null) {
            log.info("Using the MongoDB at {}", redact(uri));
            return new EmbeddedMongoServerHolder(null, uri);
        }
        LedgerStoreProperties.Embedded embedded = properties.embedded();
        EmbeddedMongoServer server = EmbeddedMongoServer.start(properties.dataDir(), embedded.host(), embedded.port(),
                embedded.fsync());
        return new EmbeddedMongoServerHolder(server, server.connectionString());
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(EmbeddedMongoServerHolder server) {
        return LedgerMongoClients.create(server.connectionString());
    }

    @Bean
    MongoDatabase ledgerDatabase(MongoClient client, LedgerStoreProperties properties) {
        return client.getDatabase(properties.database());
    }

    /** Every serializer knows the entry kinds' JSON names: events, and commands and queries, carry entry details. */
    @Bean
    @Primary
    Serializer serializer() {
        return LedgerSerializers.jackson(EntryKinds.detailsTypes());
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return LedgerSerializers.jackson(EntryKinds.detailsTypes());
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return LedgerSerializers.jackson(EntryKinds.detailsTypes());
    }

    @Bean(destroyMethod = "close")
    EventStorageEngine eventStorageEngine(MongoDatabase ledgerDatabase,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer,
                                          ObjectProvider<EventUpcaster> upcaster) {
        return MongoLedgerStorageEngine.builder()
                .database(ledgerDatabase)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(upcaster.getIfAvailable(() -> NoOpEventUpcaster.INSTANCE))
                // The event that records an entry claims its id in the commit: the entry directory, one write.
                .commitKeys(event -> EntryClaim.of(event)
                                .map(claim -> new CommitKey(claim.entryId().value(), claim.owner().entryType().name())),
                        key -> EntryDirectory.alreadyExists(EntryId.of(key.value())))
                .build();
    }

    /** The read models' collections, versions and tokens: the storage under the read side's queries. */
    @Bean
    ReadModelStore readModelStore(MongoDatabase ledgerDatabase) {
        return new ReadModelStore(ledgerDatabase);
    }

    /** The command side's port: which aggregate holds each entry, from the entry ids the commits claimed. */
    @Bean
    EntryDirectory entryDirectory(EventStorageEngine eventStorageEngine, MongoDatabase ledgerDatabase) {
        return new MongoEntryDirectory((MongoLedgerStorageEngine) eventStorageEngine, ledgerDatabase);
    }

    /** The transparency log's tiles, shared by every instance. */
    @Bean
    TileStore tlogTiles(MongoDatabase ledgerDatabase) {
        return new TileStore(ledgerDatabase, CACHED_FULL_TILES);
    }

    /** The transparency log's state (its size, checkpoints and origin), shared by every instance. */
    @Bean
    LogState tlogState(MongoDatabase ledgerDatabase) {
        return new LogState(ledgerDatabase);
    }

    @Bean
    TokenStore tokenStore(MongoDatabase ledgerDatabase, Serializer serializer, LedgerStoreProperties properties) {
        return LedgerTokenStores.mongo(ledgerDatabase, serializer, properties.nodeId(), properties.claimTimeout());
    }

    private static String configuredUri(LedgerStoreProperties properties, Environment environment) {
        for (String candidate : new String[] {properties.mongodbUri(), environment.getProperty("spring.mongodb.uri"),
                environment.getProperty("spring.data.mongodb.uri")}) {
            if (StringUtils.hasText(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /** The embedded server when one was started, and the connection string either way. */
    public record EmbeddedMongoServerHolder(EmbeddedMongoServer server, String connectionString)
            implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
