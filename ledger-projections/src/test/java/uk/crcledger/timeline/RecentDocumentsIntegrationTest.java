package uk.crcledger.timeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.projection.MongoModel;
import uk.crcledger.projection.ReadModelCollections;
import uk.crcledger.projection.ReadModelStore;
import uk.crcledger.projection.Version;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsed documents are kept for the next reader only while they are small; a long one is read a part at a time. */
class RecentDocumentsIntegrationTest {

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private MongoModel stored;
    private final Cache<List<Object>, Map<String, ? extends List<? extends Version<?>>>> documents =
            Caffeine.newBuilder().maximumWeight(10_000).weigher(RecentDocuments::weigh).build();

    @BeforeEach
    void write() {
        store = EmbeddedStore.start(dataDir);
        stored = new ReadModelStore(store.database()).model(1);
        MongoModel.Batch batch = stored.batch();
        for (int position = 1; position <= 300; position++) {
            String crc = position % 3 == 0 ? "small" : "long";
            String entry = "entry-" + position;
            batch.contribute(ReadModelCollections.CRC_TIMELINES, crc, entry, entry,
                    new Version<>(position, Instant.parse("2016-01-20T00:00:00Z").plusSeconds(position), "v" + position));
        }
        batch.flush();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void keepsASmallDocumentAndStreamsALongOneWithTheSameVersions() {
        RecentDocuments recent = new RecentDocuments(stored, documents, "stamp", 150);

        for (String crc : List.of("small", "long")) {
            Map<String, List<Version<String>>> read = new HashMap<>();
            recent.sharedInParts(ReadModelCollections.CRC_TIMELINES, crc, String.class, read::putAll);
            assertThat(read).as(crc).isEqualTo(stored.shared(ReadModelCollections.CRC_TIMELINES, crc, String.class));
        }

        assertThat(documents.asMap().keySet()).extracting(key -> key.get(2)).containsExactly("small");
        // The kept one answers the next reader whole, without reading the store.
        store.database().getCollection(new ReadModelCollections(1).of(ReadModelCollections.CRC_TIMELINES)).drop();
        Map<String, List<Version<String>>> again = new HashMap<>();
        recent.sharedInParts(ReadModelCollections.CRC_TIMELINES, "small", String.class, again::putAll);
        assertThat(again).hasSize(100);
    }
}
