package uk.crcledger.eventstore.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server's unique indexes use the fast key order, both for indexes created while it
 * runs and for those found in the file at start, and lookups through them find every document.
 */
class FastIndexIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void uniqueIndexesUseTheFastKeyTypeAndFindEveryDocument() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir)) {
            try (MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
                things.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true));
                List<Document> docs = new ArrayList<>();
                for (long i = 0; i < 2_000; i++) {
                    docs.add(new Document("_id", i).append("stream", "entry-" + i + "#0"));
                }
                things.insertMany(docs);
                assertFindsEach(things);
            }
            assertFastKeys(server);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir)) {
            assertFastKeys(server);
            try (MongoClient client = MongoClients.create(server.connectionString())) {
                assertFindsEach(client.getDatabase("ledger").getCollection("things"));
            }
        }
    }

    private static void assertFindsEach(MongoCollection<Document> things) {
        for (long i = 0; i < 2_000; i += 7) {
            assertThat(things.find(Filters.eq("_id", i)).first()).as("_id %d", i).isNotNull();
            assertThat(things.find(Filters.eq("stream", "entry-" + i + "#0")).first()).as("stream %d", i).isNotNull();
        }
        assertThat(things.find(Filters.in("_id", List.of(3L, 1_999L, 5_000L))).into(new ArrayList<>())).hasSize(2);
    }

    private static void assertFastKeys(EmbeddedMongoServer server) {
        List<String> indexMaps = server.store().getMapNames().stream().filter(n -> n.startsWith("ledger.things._index_"))
                .toList();
        assertThat(indexMaps).hasSize(2);
        for (String name : indexMaps) {
            assertThat(server.store().openMap(name).getKeyType()).as(name).isInstanceOf(IndexKeyType.class);
        }
    }
}
