package uk.crcledger.api.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryType;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;

import java.util.Optional;
import java.util.TreeSet;

/**
 * The entry directory, answered from the commits: each recording event's commit claims its entry id and type
 * ({@code uk.crcledger.entry.EntryClaim}, stored as the commit's unique key), so a lookup is one read through that
 * unique index, on the embedded server and on a replica set alike, and there is nothing to write.
 *
 * <p>Stores written by earlier versions kept a separate {@value #LEGACY_COLLECTION} collection, written before the
 * events (a failed append left its id taken). On start its aggregates' commits claim their keys from their events,
 * and the collection is dropped: ids it held for entries that were never stored are free again.
 */
public class MongoEntryDirectory implements EntryDirectory {

    static final String LEGACY_COLLECTION = "entry_directory";
    private static final Logger log = LoggerFactory.getLogger(MongoEntryDirectory.class);

    private final MongoLedgerStorageEngine commits;

    public MongoEntryDirectory(MongoLedgerStorageEngine commits, MongoDatabase database) {
        this.commits = commits;
        migrateLegacyDirectory(database);
    }

    @Override
    public Optional<EntryOwner> ownerOf(EntryId entryId) {
        return commits.claimOf(entryId.value())
                .map(claim -> new EntryOwner(EntryType.valueOf(claim.kind()), claim.aggregateIdentifier()));
    }

    private void migrateLegacyDirectory(MongoDatabase database) {
        MongoCollection<Document> legacy = database.getCollection(LEGACY_COLLECTION);
        TreeSet<String> aggregates = new TreeSet<>();
        for (Document entry : legacy.find()) {
            aggregates.add(entry.getString("aggregateId"));
        }
        if (aggregates.isEmpty()) {
            return;
        }
        int claimed = 0;
        for (String aggregate : aggregates) {
            claimed += commits.claimKeysOf(aggregate);
        }
        // Dropped only once every aggregate's commits claimed their keys: a crash before this runs it again.
        legacy.drop();
        log.info("Moved the entry directory into the commits: {} entries claimed, {} collection dropped", claimed,
                LEGACY_COLLECTION);
    }
}
