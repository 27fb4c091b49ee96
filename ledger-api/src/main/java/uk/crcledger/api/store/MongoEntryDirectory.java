package uk.crcledger.api.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryType;

import java.util.Optional;

/**
 * The entry directory in MongoDB: one document per entry, keyed by the entry id, so registering
 * is one insert (atomic check-and-insert through the {@code _id} index) and a lookup is one read
 * by {@code _id}, on the embedded server and on a replica set alike.
 */
public class MongoEntryDirectory implements EntryDirectory {

    public static final String COLLECTION = "entry_directory";

    private final MongoCollection<Document> entries;

    public MongoEntryDirectory(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
    }

    @Override
    public void register(EntryId entryId, EntryOwner owner) {
        try {
            entries.insertOne(new Document("_id", entryId.value())
                    .append("type", owner.entryType().name())
                    .append("aggregateId", owner.aggregateId()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw EntryDirectory.alreadyExists(entryId);
            }
            throw e;
        }
    }

    @Override
    public Optional<EntryOwner> ownerOf(EntryId entryId) {
        Document found = entries.find(Filters.eq("_id", entryId.value())).first();
        return Optional.ofNullable(found)
                .map(d -> new EntryOwner(EntryType.valueOf(d.getString("type")), d.getString("aggregateId")));
    }
}
