package uk.crcledger.timeline;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    public LedgerReadModel(MongoDatabase database, MongoLedgerStorageEngine events) {
        this.database = database;
        this.events = events;
        this.versions = new ReadModelVersions(database, PROCESSOR);
        this.projection = new TimelineProjection(database, versions);
    }

    /**
     * Registers the processor: pooled streaming, split in {@code segments} so several app instances
     * share the work (their claims are in the token store), one entry's events in one segment.
     */
    public void registerProcessor(EventProcessingConfigurer processing, int segments, int batchSize) {
        if (segments < 1 || segments > MongoModel.PARTS || Integer.bitCount(segments) != 1) {
            throw new IllegalArgumentException("The read model's processor takes 1, 2, 4, 8 or " + MongoModel.PARTS
                    + " segments (a shared document has " + MongoModel.PARTS + " parts), not " + segments);
        }
        processing.registerPooledStreamingEventProcessor(PROCESSOR,
                        org.axonframework.config.Configuration::eventStore,
                        (configuration, builder) -> builder.initialSegmentCount(segments).batchSize(batchSize)
                                .tokenClaimInterval(1_000))
                .registerSequencingPolicy(PROCESSOR, c -> new EntrySequencingPolicy())
                .registerEventHandler(c -> projection)
                .assignHandlerInstancesMatching(PROCESSOR, handler -> handler == projection);
    }

    public TimelineQueries live() {
        return new TimelineQueries(activeModel());
    }

    public AsOfQueries asOf(Instant at) {
        return new AsOfQueries(activeModel(), events, at);
    }

    private MongoModel activeModel() {
        return new MongoModel(database, new ReadModelCollections(versions.state().active()));
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
            versions.save(new ReadModelVersions.State(state.active(), next, until));
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
        versions.save(new ReadModelVersions.State(state.building(), null));
        // The old version is dropped when the next rebuild starts, not now: a query that chose it a
        // moment ago (a page, an as-of answer, on any instance) still finds it.
        log.info("Rebuilt {}: version {} is active", PROCESSOR, state.building());
        return true;
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
