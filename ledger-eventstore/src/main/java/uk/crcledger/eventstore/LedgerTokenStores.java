package uk.crcledger.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;

import java.time.Duration;

/**
 * Processor tokens and segment claims in MongoDB, with the Axon Mongo extension's token store
 * (its event storage engine is not used: see {@link MongoLedgerStorageEngine}).
 * <p>
 * The node id is the instance's stable name, not Axon's default (process id and host): a
 * restarted instance then recognises the claims it held before a crash as its own and takes them
 * back at once, instead of waiting for them to time out.
 */
public final class LedgerTokenStores {

    public static final String COLLECTION = "tracking_tokens";

    private LedgerTokenStores() {
    }

    public static TokenStore mongo(MongoDatabase database, Serializer serializer, String nodeId, Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(database)
                        .trackingTokensCollectionName(COLLECTION)
                        .build())
                .serializer(serializer)
                .nodeId(nodeId)
                .claimTimeout(claimTimeout)
                .build();
    }
}
