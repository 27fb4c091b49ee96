package uk.crcledger.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;
import uk.crcledger.eventstore.LedgerTokenStores;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the ledger's read models live in MongoDB: their versioned collections, which version is
 * active, and the processor's tokens as far as readers need them. The one place above which the
 * read side sees no MongoDB type.
 */
public class ReadModelStore {

    private final MongoDatabase database;

    public ReadModelStore(MongoDatabase database) {
        this.database = database;
    }

    public ReadModelVersions versions(String readModel) {
        return new ReadModelVersions(database, readModel);
    }

    /** Versions whose indexes this instance has made sure of. */
    private final Set<Integer> indexed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Reads and (in batches) writes version {@code version} of the collections. */
    public MongoModel model(int version) {
        MongoModel model = new MongoModel(database, new ReadModelCollections(version));
        if (indexed.add(version)) {
            model.index();
        }
        return model;
    }

    public boolean isEmpty(int version) {
        ReadModelCollections collections = new ReadModelCollections(version);
        return ReadModelCollections.ALL.stream()
                .allMatch(base -> database.getCollection(collections.of(base)).find().limit(1).first() == null);
    }

    public void drop(int version) {
        indexed.remove(version);
        ReadModelCollections names = new ReadModelCollections(version);
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        for (String base : ReadModelCollections.ALL) {
            if (existing.contains(names.of(base))) {
                database.getCollection(names.of(base)).drop();
            }
        }
    }

    /**
     * Where a processor stands, as a string that changes whenever any of its segments stores a
     * token. The processor stores a segment's token after the batch's writes, so answers computed
     * at the same stamp agree.
     */
    public String tokenStamp(String processorName) {
        StringBuilder stamp = new StringBuilder();
        for (Document token : database.getCollection(LedgerTokenStores.COLLECTION)
                .find(Filters.eq("processorName", processorName))) {
            Object bytes = token.get("token");
            stamp.append('|').append(token.get("segment")).append(':').append(bytes instanceof Binary b
                    ? Arrays.hashCode(b.getData()) + "." + b.getData().length : String.valueOf(bytes));
        }
        return stamp.toString();
    }

    /**
     * Whether a node other than {@code node} holds a claim on one of the processor's segments that it
     * renewed after {@code since} (an older claim has timed out: any node may take the segment).
     */
    public boolean claimedElsewhere(String processorName, String node, java.time.Instant since) {
        for (Document token : database.getCollection(LedgerTokenStores.COLLECTION)
                .find(Filters.eq("processorName", processorName))) {
            String owner = token.getString("owner");
            Object renewed = token.get("timestamp");
            long millis = renewed instanceof java.util.Date date ? date.getTime()
                    : renewed instanceof Number number ? number.longValue() : Long.MAX_VALUE;
            if (owner != null && !owner.equals(node) && millis > since.toEpochMilli()) {
                return true;
            }
        }
        return false;
    }

    public SegmentBalancer balancer(String processorName, String nodeId,
                                    java.util.function.Supplier<org.axonframework.eventhandling.StreamingEventProcessor> processor,
                                    java.time.Duration staleAfter, java.time.Clock clock) {
        return new SegmentBalancer(database, processorName, nodeId, processor, staleAfter, clock);
    }
}
