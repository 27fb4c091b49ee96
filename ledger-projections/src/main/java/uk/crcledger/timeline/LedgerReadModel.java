package uk.crcledger.timeline;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.eventstore.LedgerEventSource;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.projection.MongoModel;
import uk.crcledger.projection.ReadModelCollections;
import uk.crcledger.projection.ReadModelVersions;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ledger's read side in one place: the processor that fills it, the queries that read it (live
 * or as of an instant), and its rebuild.
 * <p>
 * <b>Rebuild.</b> A rebuild fills a new version of the collections from the first event while
 * queries keep reading the active version (which stops moving until the switch); when the new
 * version has caught up, it becomes the active one; the old collections are dropped when the next
 * rebuild starts. Readers never see a half-built model; {@link #status} says a rebuild is running.
 */
public class LedgerReadModel {

    public static final String PROCESSOR = "ledger-timelines";
    private static final Logger log = LoggerFactory.getLogger(LedgerReadModel.class);

    private final MongoDatabase database;
    private final MongoLedgerStorageEngine events;
    private final ReadModelVersions versions;
    private final TimelineProjection projection;
    private final ReadModelProgress progress = new ReadModelProgress();

    public LedgerReadModel(MongoDatabase database, MongoLedgerStorageEngine events) {
        this.database = database;
        this.events = events;
        this.versions = new ReadModelVersions(database, PROCESSOR);
        this.projection = new TimelineProjection(database, versions, progress);
        markLayoutIfEmpty();
    }

    /**
     * A new store's read model is written in the current layout from its first batch: record that
     * before the processor starts, so that {@link #upgradeLayout} only ever rebuilds a model that
     * an older version wrote.
     */
    private void markLayoutIfEmpty() {
        ReadModelVersions.State state = versions.state();
        if (state.outdatedLayout() && state.building() == null && isEmpty(state.active())) {
            versions.save(ReadModelVersions.State.built(state.active()));
        }
    }

    private boolean isEmpty(int version) {
        ReadModelCollections collections = new ReadModelCollections(version);
        return ReadModelCollections.ALL.stream()
                .allMatch(base -> database.getCollection(collections.of(base)).find().limit(1).first() == null);
    }

    /**
     * Registers the processor: pooled streaming, split in {@code segments} so several app instances
     * share the work (their claims are in the token store), one entry's events in one segment.
     */
    public void registerProcessor(EventProcessingConfigurer processing, int segments, int batchSize) {
        if (segments < 1 || segments > MongoModel.MAX_SEGMENTS || Integer.bitCount(segments) != 1) {
            throw new IllegalArgumentException("The read model's processor takes 1, 2, 4, 8 or " + MongoModel.MAX_SEGMENTS
                    + " segments (the most its read model is built for), not " + segments);
        }
        // Read straight from the engine, which calls the processor back as soon as it stores a commit
        // (see LedgerEventSource); commits stored by other instances are found every 500 ms.
        processing.registerPooledStreamingEventProcessor(PROCESSOR,
                        configuration -> new LedgerEventSource(events),
                        (configuration, builder) -> builder.initialSegmentCount(segments).batchSize(batchSize)
                                .tokenClaimInterval(500))
                .registerSequencingPolicy(PROCESSOR, c -> new EntrySequencingPolicy())
                .registerEventHandler(c -> projection)
                .assignHandlerInstancesMatching(PROCESSOR, handler -> handler == projection);
    }

    /** Batches committed by this instance's processor, for readers waiting to see a write. */
    public ReadModelProgress progress() {
        return progress;
    }

    /** The live read model's answers, reused while it has not moved (see {@link AnswerCache}). */
    public LiveQueries live() {
        ReadModelVersions.State state = versions.state();
        return new LiveQueries(new TimelineQueries(model(state.active())), liveAnswers, stamp(state));
    }

    /**
     * The answers as the ledger knew them at {@code at}. Those about a moment long enough ago are
     * settled (the ledger only appends, and an event is stored within moments of its timestamp), so
     * they are kept as long as there is room; more recent ones are computed every time.
     */
    public LedgerQueries asOf(Instant at) {
        ReadModelVersions.State state = versions.state();
        AsOfQueries queries = new AsOfQueries(model(state.active()), events, at);
        if (at.isAfter(Instant.now().minus(SETTLED))) {
            return queries;
        }
        return new SettledQueries(queries, settledAnswers, at);
    }

    /** How long after an instant what the ledger knew at it can no longer change. */
    private static final java.time.Duration SETTLED = java.time.Duration.ofMinutes(5);
    private final AnswerCache liveAnswers = new AnswerCache(2_000);
    private final AnswerCache settledAnswers = new AnswerCache(500);

    /**
     * Where the read model stands: its active version and every segment's token. The processor stores
     * a segment's token after the batch's writes, so answers computed from the same stamp agree.
     */
    private Object stamp(ReadModelVersions.State state) {
        StringBuilder stamp = new StringBuilder().append(state.active()).append('/').append(state.building());
        for (org.bson.Document token : database.getCollection(uk.crcledger.eventstore.LedgerTokenStores.COLLECTION)
                .find(com.mongodb.client.model.Filters.eq("processorName", PROCESSOR))) {
            Object bytes = token.get("token");
            stamp.append('|').append(token.get("segment")).append(':').append(bytes instanceof org.bson.types.Binary b
                    ? java.util.Arrays.hashCode(b.getData()) + "." + b.getData().length : String.valueOf(bytes));
        }
        return stamp.toString();
    }

    private MongoModel model(int version) {
        return new MongoModel(database, new ReadModelCollections(version));
    }

    public ReadModelVersions versions() {
        return versions;
    }

    /**
     * Starts a rebuild: a new version, filled from the first event by the processor after its tokens
     * are reset. Call {@link #completeRebuildIfCaughtUp} until it answers true. The processor writes
     * to the new version from its first batch after the reset; the versions document is saved before
     * the processor starts again, so no batch of the replay goes to the old version.
     */
    public synchronized void startRebuild(StreamingEventProcessor processor, TokenStore tokens) {
        ReadModelVersions.State state = versions.state();
        if (state.building() != null) {
            throw new IllegalStateException("A rebuild of " + PROCESSOR + " is already running (version "
                    + state.building() + ")");
        }
        // Axon resets tokens only when no instance holds a segment, so a rebuild runs where every
        // segment is: on one instance, with the processor stopped or scaled down elsewhere.
        int segments = tokens.fetchSegments(PROCESSOR).length;
        if (processor.processingStatus().size() != segments) {
            throw new IllegalStateException("This instance holds " + processor.processingStatus().size() + " of "
                    + segments + " segments of " + PROCESSOR
                    + ": stop the processor on the other instances, then rebuild");
        }
        int next = state.active() + 1;
        for (int version = 1; version <= next; version++) {
            if (version != state.active()) {
                drop(version);
            }
        }
        long until = events.headPosition() - 1;
        processor.shutDown();
        try {
            processor.resetTokens();
            versions.save(state.building(next, until));
        } finally {
            processor.start();
        }
        log.info("Rebuilding {} into version {} while version {} answers queries", PROCESSOR, next, state.active());
    }

    /**
     * Switches to the rebuilt version once every segment has handled the events up to where the
     * rebuild started (Axon keeps calling it a replay until a newer event arrives, so positions
     * decide, not the replay flag).
     */
    public synchronized boolean completeRebuildIfCaughtUp(StreamingEventProcessor processor, TokenStore tokens) {
        ReadModelVersions.State state = versions.state();
        if (state.building() == null) {
            return true;
        }
        int segments = tokens.fetchSegments(PROCESSOR).length;
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        boolean caughtUp = segments > 0 && status.size() == segments && status.values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(0) >= state.rebuildUntil());
        if (!caughtUp) {
            return false;
        }
        versions.save(ReadModelVersions.State.built(state.building()));
        // The old version is dropped when the next rebuild starts, not now: a query that chose it a
        // moment ago (a page, an as-of answer, on any instance) still finds it.
        log.info("Rebuilt {}: version {} is active", PROCESSOR, state.building());
        return true;
    }

    /**
     * Rebuilds a read model that an older version wrote in another storage layout
     * ({@link MongoModel#LAYOUT}); queries keep reading it meanwhile (a layout reads the older ones).
     * Like any rebuild it needs every segment on this instance, and refuses otherwise.
     */
    public synchronized void upgradeLayout(StreamingEventProcessor processor, TokenStore tokens) {
        ReadModelVersions.State state = versions.state();
        if (state.outdatedLayout() && state.building() == null) {
            log.info("The read model {} is stored in layout {}, this version writes layout {}: rebuilding it",
                    PROCESSOR, state.layout(), MongoModel.LAYOUT);
            startRebuild(processor, tokens);
        }
    }

    public Status status(Supplier<StreamingEventProcessor> processor) {
        ReadModelVersions.State state = versions.state();
        StreamingEventProcessor p = processor.get();
        long position = p.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(java.util.OptionalLong::isPresent).mapToLong(java.util.OptionalLong::getAsLong)
                .min().orElse(0);
        return new Status(PROCESSOR, state.active(), state.building(), state.building() != null ? "rebuilding"
                : "live", position, events.headPosition() - 1);
    }

    /** What an admin sees: which version answers, whether one is being built, how far along. */
    public record Status(String name, int activeVersion, Integer buildingVersion, String state, long position,
                         long headPosition) {
    }

    private void drop(int version) {
        ReadModelCollections names = new ReadModelCollections(version);
        java.util.Set<String> existing = database.listCollectionNames().into(new java.util.HashSet<>());
        for (String base : ReadModelCollections.ALL) {
            if (existing.contains(names.of(base))) {
                database.getCollection(names.of(base)).drop();
            }
        }
    }
}
