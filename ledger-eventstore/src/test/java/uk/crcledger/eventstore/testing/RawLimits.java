package uk.crcledger.eventstore.testing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What the server itself can do, measured in the same run on the same server, so a benchmark can
 * report its figures as a fraction of the limit rather than as bare numbers:
 * <ul>
 *   <li>{@link #insertRate}: N writers each inserting documents shaped like one of the ledger's
 *       single-event commits ({@link #commitLikeDocument}, a long {@code _id}, one event of about
 *       700 bytes) with plain {@code insertOne}, under the database's write concern (give it the
 *       engine's database: {@code LedgerMongoClients}' majority, journaled), into a scratch
 *       collection with the same indexes as the commits collection (unique {@code stream},
 *       {@code at}). No group commit, no retries, no position claiming: the driver and the server
 *       alone.</li>
 *   <li>{@link #scan}: a {@code find()} over a whole collection (batches of 1,000 documents),
 *       each document decoded fully into an {@link org.bson.Document}, counting events (the
 *       elements of an array field, or one per document).</li>
 * </ul>
 */
public final class RawLimits {

    /** The scratch collection {@link #insertRate(MongoDatabase, int, int)} writes (and drops). */
    public static final String SCRATCH_COLLECTION = "raw_limits_scratch";

    private static final int SCAN_BATCH = 1_000;
    private static final String PAYLOAD_TYPE = TestEvents.Probed.class.getName();
    private static final String TEXT = "x".repeat(400);

    private RawLimits() {
    }

    /**
     * A document with the shape and size of what {@code MongoLedgerStorageEngine} stores for one
     * {@link TestEvents#commit} of one event: commit id, stream key, aggregate, type, time, and one
     * event with id, timestamp, sequence number, payload type, JSON payload and JSON metadata.
     */
    public static Document commitLikeDocument(long id) {
        String aggregate = "raw-" + id;
        Instant now = Instant.now();
        Document event = new Document("id", UUID.randomUUID().toString())
                .append("ts", now.toString())
                .append("seq", 0L)
                .append("type", PAYLOAD_TYPE)
                .append("rev", null)
                .append("payload", "{\"commit\":\"" + aggregate + "\",\"index\":0,\"of\":1,\"text\":\"" + TEXT + "\"}")
                .append("meta", "{\"recordedBy\":\"store-test\"}");
        return new Document("_id", id)
                .append("commit", UUID.randomUUID().toString())
                .append("stream", aggregate + "#0")
                .append("aggregate", aggregate)
                .append("type", TestEvents.AGGREGATE_TYPE)
                .append("at", Date.from(now))
                .append("events", List.of(event));
    }

    /** The encoded BSON size of a document, in bytes. */
    public static int bsonSize(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }

    /**
     * Inserts {@code documents} {@link #commitLikeDocument}s from {@code writers} threads, one
     * {@code insertOne} each, into a fresh {@value #SCRATCH_COLLECTION} of {@code database} (indexed
     * like the commits collection, dropped afterwards), and answers documents stored per second.
     */
    public static long insertRate(MongoDatabase database, int writers, int documents) {
        MongoCollection<Document> scratch = database.getCollection(SCRATCH_COLLECTION);
        dropIfPresent(database, scratch);
        scratch.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true).name("stream"));
        scratch.createIndex(Indexes.ascending("at"), new IndexOptions().name("at"));
        try {
            return insertRate(scratch, writers, documents, RawLimits::commitLikeDocument);
        } finally {
            dropIfPresent(database, scratch);
        }
    }

    private static void dropIfPresent(MongoDatabase database, MongoCollection<Document> collection) {
        // Dropping a missing collection makes the embedded server log an error.
        String name = collection.getNamespace().getCollectionName();
        if (database.listCollectionNames().into(new ArrayList<>()).contains(name)) {
            collection.drop();
        }
    }

    /**
     * Inserts {@code documents} documents made by {@code document} (given ids 1, 2, ...) from
     * {@code writers} threads with plain {@code insertOne} into {@code collection} as it is (its
     * write concern, its indexes), and answers documents stored per second. The documents are built
     * by the writers as they go; only the inserts and the building are timed.
     */
    public static long insertRate(MongoCollection<Document> collection, int writers, int documents,
                                  LongFunction<Document> document) {
        AtomicLong ids = new AtomicLong();
        int each = documents / writers;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                work.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    for (int i = 0; i < each; i++) {
                        collection.insertOne(document.apply(ids.incrementAndGet()));
                    }
                    return null;
                }));
            }
            ready.await();
            long started = System.nanoTime();
            go.countDown();
            for (Future<?> f : work) {
                f.get();
            }
            return BenchReport.rate((long) each * writers, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A raw insert failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a {@link #scan} read. */
    public record Scan(long documents, long events, long nanos) {

        public long eventsPerSecond() {
            return Math.round(events / (nanos / 1e9));
        }

        public long documentsPerSecond() {
            return Math.round(documents / (nanos / 1e9));
        }
    }

    /**
     * Reads the whole collection with one {@code find()}, decoding every document fully, and
     * counts events: the elements of {@code eventsArray} where a document has that array, else one
     * per document (pass {@code null} for collections of one event per document).
     */
    public static Scan scan(MongoCollection<Document> collection, String eventsArray) {
        return scan(collection, eventsArray, 0);
    }

    /**
     * {@link #scan} of the first {@code limit} documents (0: all). Why a limit: one cursor open for
     * long over the embedded server can outlive the file chunks it reads (the store keeps no old
     * chunks, retention time 0), which a scan of a million documents did ("Chunk ... not found");
     * a rate measured over a few hundred thousand documents is as good.
     */
    public static Scan scan(MongoCollection<Document> collection, String eventsArray, int limit) {
        long documents = 0;
        long events = 0;
        long started = System.nanoTime();
        // An explicit batch size: the embedded server would otherwise answer with the whole
        // collection in one reply, past the driver's maximum message size.
        try (MongoCursor<Document> cursor = collection.find().limit(limit).batchSize(SCAN_BATCH).iterator()) {
            while (cursor.hasNext()) {
                Document document = cursor.next();
                documents++;
                Object array = eventsArray == null ? null : document.get(eventsArray);
                events += array instanceof List<?> list ? list.size() : 1;
            }
        }
        return new Scan(documents, events, System.nanoTime() - started);
    }

    /** {@link #scan} as events per second. */
    public static long scanRate(MongoCollection<Document> collection, String eventsArray) {
        return scan(collection, eventsArray).eventsPerSecond();
    }

    /** {@link #scan} of at most {@code limit} documents as events per second. */
    public static long scanRate(MongoCollection<Document> collection, String eventsArray, int limit) {
        return scan(collection, eventsArray, limit).eventsPerSecond();
    }
}
