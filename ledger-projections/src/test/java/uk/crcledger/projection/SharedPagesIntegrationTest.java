package uk.crcledger.projection;

import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared documents on the embedded store: versions are appended to a bucket's head and full heads
 * become pages; what is read back does not depend on how the versions were batched, and a batch
 * replayed after a crash adds nothing.
 */
class SharedPagesIntegrationTest {

    /** Enough versions in one bucket for several pages and a part-filled head. */
    private static final int VERSIONS = MongoModel.PAGE * 3 + 5;

    @TempDir
    Path dataDir;

    private EmbeddedStore store;

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dataDir);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void readsBackEveryVersionOfEveryKeyInPositionOrderAcrossPages() {
        MongoModel model = new ReadModelStore(store.database()).model(1);
        write(model, 7);

        Map<String, List<Version<String>>> shared = model.shared(ReadModelCollections.CRC_TIMELINES, "crc", String.class);

        assertThat(shared).containsOnlyKeys("entry-a", "entry-b");
        List<Version<String>> a = shared.get("entry-a");
        assertThat(a).extracting(Version::position).isSorted().doesNotHaveDuplicates();
        assertThat(a.size() + shared.get("entry-b").size()).isEqualTo(VERSIONS);
        assertThat(a.get(a.size() - 1).value()).isEqualTo("version " + (VERSIONS - 1));
        assertThat(pages(model)).as("sealed pages").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void readsADocumentAPartAtATimeWithEveryKeyInOnePart() {
        MongoModel model = new ReadModelStore(store.database()).model(1);
        MongoModel.Batch batch = model.batch();
        for (int position = 1; position <= VERSIONS; position++) {
            String entry = "entry-" + position % 40;
            // As the projection contributes: each key under its own sequence, so keys spread over buckets.
            batch.contribute(ReadModelCollections.CRC_TIMELINES, "crc", entry, entry,
                    new Version<>(position, Instant.parse("2016-01-20T00:00:00Z").plusSeconds(position), "v" + position));
        }
        batch.flush();

        List<Map<String, List<Version<String>>>> parts = new ArrayList<>();
        model.sharedInParts(ReadModelCollections.CRC_TIMELINES, "crc", String.class, parts::add);

        assertThat(parts).hasSizeGreaterThan(1);
        Map<String, List<Version<String>>> joined = new java.util.HashMap<>();
        parts.forEach(part -> part.forEach((key, versions) ->
                assertThat(joined.put(key, versions)).as("%s in one part only", key).isNull()));
        assertThat(joined).isEqualTo(model.shared(ReadModelCollections.CRC_TIMELINES, "crc", String.class));
        assertThat(joined).hasSize(40);
        joined.values().forEach(versions -> assertThat(versions).extracting(Version::position).isSorted());
    }

    @Test
    void writesTheSameDocumentsWhateverTheBatchesAndIgnoresAReplayedBatch() {
        MongoModel inOneBatch = new ReadModelStore(store.database()).model(1);
        write(inOneBatch, VERSIONS);
        MongoModel inSmallBatches = new ReadModelStore(store.database()).model(2);
        write(inSmallBatches, 3);
        // A crash after the writes but before the token: the last batch comes again.
        MongoModel.Batch replayed = inSmallBatches.batch();
        for (int position = VERSIONS - 3; position < VERSIONS; position++) {
            contribute(replayed, position);
        }
        replayed.flush();

        assertThat(documents(inSmallBatches, 2)).isEqualTo(documents(inOneBatch, 1));
    }

    /** Versions 0..VERSIONS-1 of two entries sharing one bucket, {@code perBatch} per batch. */
    private static void write(MongoModel model, int perBatch) {
        MongoModel.Batch batch = model.batch();
        for (int position = 0; position < VERSIONS; position++) {
            contribute(batch, position);
            if ((position + 1) % perBatch == 0) {
                batch.flush();
                batch = model.batch();
            }
        }
        batch.flush();
    }

    private static void contribute(MongoModel.Batch batch, int position) {
        // One sequence, so one bucket, as one segment writes it.
        batch.contribute(ReadModelCollections.CRC_TIMELINES, "crc", "sequence", position % 2 == 0 ? "entry-a" : "entry-b",
                new Version<>(position + 1, Instant.parse("2016-01-20T00:00:00Z").plusSeconds(position),
                        "version " + position));
    }

    private List<String> pages(MongoModel model) {
        List<String> ids = new ArrayList<>();
        for (Document d : store.database().getCollection(new ReadModelCollections(1).of(ReadModelCollections.CRC_TIMELINES))
                .find()) {
            if (d.getString("_id").chars().filter(c -> c == '|').count() == 2) {
                ids.add(d.getString("_id"));
            }
        }
        return ids;
    }

    private List<Document> documents(MongoModel model, int version) {
        return store.database().getCollection(new ReadModelCollections(version).of(ReadModelCollections.CRC_TIMELINES))
                .find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
