package uk.crcledger.timeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.eventstore.LedgerEventSource;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.projection.MongoModel;
import uk.crcledger.projection.ReadModelStore;
import uk.crcledger.projection.ReadModelVersions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * Answers kept, by weight (items, revisions or rows: see {@link CachedQueries#weigh}): enough for
     * every CRC's and provider's common pages at many moments, within tens of megabytes.
     */
    private static final long CACHED_ANSWER_WEIGHT = 25_000;
    /** The largest document kept parsed, in versions: a quarter of {@link #CACHED_VERSIONS}. */
    private static final long LARGEST_CACHED_DOCUMENT = 16_000;
    private final Derivations derivations = Derivations.perCore();
    /** The stamp of the latest question: the caches keep nothing under another (see {@link #forgetOtherStamps}). */
    private final AtomicReference<String> lastStamp = new AtomicReference<>();

    private final ReadModelStore store;
    private final MongoLedgerStorageEngine events;
    private final ReadModelVersions versions;
    private final TimelineProjection projection;
    private final ReadModelProgress progress = new ReadModelProgress();
    /** Whether this instance stopped its processor while another rebuilds the read model. */
    private boolean pausedForRebuild;

    /**
     * How long the caches keep what no one asks for. Why: the caches drop earlier stamps' answers only
     * when the next question comes (see {@link #forgetOtherStamps}); while entries are recorded and no one
     * reads, they would hold the last readers' answers (about 100 MB of a 1M-event app's live heap in the
     * app benchmark's growth, between its query steps, estimated from a class histogram). Caffeine's scheduler expires them on time.
     */
    private static final Duration IDLE = Duration.ofMinutes(1);

    private final Cache<List<Object>, Object> answers = Caffeine.newBuilder()
            .maximumWeight(CACHED_ANSWER_WEIGHT).weigher(CachedQueries::weigh)
            .expireAfterAccess(IDLE).scheduler(Scheduler.systemScheduler()).build();
    /**
     * Versions of timeline entries kept parsed (see {@link RecentDocuments}): the histories of the
     * CRCs asked about most recently, within a bound on memory (a version takes about a kilobyte).
     */
    private static final long CACHED_VERSIONS = 64_000;
    private final Cache<List<Object>, Map<String, ? extends List<? extends uk.crcledger.projection.Version<?>>>> documents =
            Caffeine.newBuilder().maximumWeight(CACHED_VERSIONS).weigher(RecentDocuments::weigh)
                    .expireAfterAccess(IDLE).scheduler(Scheduler.systemScheduler()).build();

    public LedgerReadModel(ReadModelStore store, MongoLedgerStorageEngine events) {
        this.store = store;
        this.events = events;
        this.versions = store.versions(PROCESSOR);
        this.projection = new TimelineProjection(store, versions, progress);
        markLayoutIfEmpty();
    }

    /**
     * A new store's read model is written in the current layout from its first batch: record that
     * before the processor starts, so that {@link #keepUp} only ever rebuilds a model that
     * an older version wrote.
     */
    private void markLayoutIfEmpty() {
        ReadModelVersions.State state = versions.state();
        if (state.outdatedLayout() && state.building() == null && isEmpty(state.active())) {
            versions.save(ReadModelVersions.State.built(state.active()));
        }
    }

    private boolean isEmpty(int version) {
        return store.isEmpty(version);
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

    /** The live answers. */
    public LedgerQueries live() {
        return queries(null);
    }

    /**
     * Whether the active read model holds entry {@code entryId} with at least {@code revisions} revisions: one read
     * of the entry's document, for a writer waiting to see its own write. The answer itself (with names, summary and
     * every revision) is then read once, rather than after every batch the processor commits meanwhile.
     */
    public boolean shows(String entryId, int revisions) {
        return store.model(versions.state().active()).entry(entryId, StoredEntry.class)
                .map(stored -> stored.revisions().size() >= revisions)
                .orElse(false);
    }

    /** The answers as the ledger knew them at {@code at}. */
    public LedgerQueries asOf(Instant at) {
        return queries(at);
    }

    /**
     * The answers as the ledger knew them at {@code asOf}, or live when it is null: the same
     * documents read either way (see {@link TimelineQueries}), each answer cached until the read model
     * moves.
     */
    public LedgerQueries queries(Instant asOf) {
        ReadModelVersions.State state = versions.state();
        if (state.outdatedLayout()) {
            throw new ReadModelUnavailableException("The read model is being rebuilt in this version's storage layout ("
                    + MongoModel.LAYOUT + ", it was written in layout " + state.layout() + "); try again shortly");
        }
        String stamp = stamp(state);
        forgetOtherStamps(stamp);
        RecentDocuments model = new RecentDocuments(store.model(state.active()), documents, stamp,
                LARGEST_CACHED_DOCUMENT);
        return new CachedQueries(answers, () -> new TimelineQueries(model, asOf), stamp, asOf, derivations);
    }

    /**
     * Drops what the caches keep under any stamp but {@code stamp} once the read model has moved on: a
     * reader works out the current stamp before it asks, so nothing kept under an earlier one is asked
     * for again. Why: while entries are recorded the stamp moves with every batch, and the caches filled
     * up with answers and parsed documents no one could ask for (a class histogram of a 1M-event app put
     * them at over 100 MB of its live heap), held until evicted by size. Two readers racing with two stamps at worst drop each other's
     * answers: a miss, never a wrong answer.
     */
    private void forgetOtherStamps(String stamp) {
        String before = lastStamp.getAndSet(stamp);
        if (before != null && !before.equals(stamp)) {
            answers.asMap().keySet().removeIf(key -> !stamp.equals(key.get(0)));
            documents.asMap().keySet().removeIf(key -> !stamp.equals(key.get(0)));
        }
    }

    /** How many answers are kept (for tests). */
    long cachedAnswers() {
        answers.cleanUp();
        return answers.estimatedSize();
    }

    /**
     * Where the read model stands: its active version and every segment's token. The processor stores
     * a segment's token after the batch's writes, so answers computed from the same stamp agree.
     */
    private String stamp(ReadModelVersions.State state) {
        return state.active() + "/" + state.building() + store.tokenStamp(PROCESSOR);
    }

    public ReadModelVersions versions() {
        return versions;
    }

    /**
     * Asks for a rebuild, carried out by this instance ({@code node}), and takes its first step at
     * once (see {@link #keepUp}): on its own, the rebuild has started when this returns; with other
     * instances running, it starts on a later round, once they have let go of their segments.
     *
     * @throws IllegalStateException when a rebuild is asked for or running already
     */
    public synchronized void requestRebuild(String node, StreamingEventProcessor processor, TokenStore tokens,
                                            Duration claimTimeout) {
        if (!versions.askForRebuild(node, Instant.now())) {
            ReadModelVersions.State state = versions.state();
            throw new IllegalStateException("A rebuild of " + PROCESSOR + " is already " + (state.building() == null
                    ? "asked for" : "running (version " + state.building() + ")") + ", by " + state.rebuilder());
        }
        try {
            keepUp(node, processor, tokens, claimTimeout);
        } catch (RuntimeException e) {
            // The request is recorded: the upkeep's next round takes the step again.
            log.warn("The rebuild of {} is asked for; its first step failed and is retried: {}", PROCESSOR, e.toString());
        }
    }

    /**
     * One round of this instance's upkeep of the read model, run every few hundred milliseconds on
     * every instance.
     * <p>
     * <b>Rebuilds across instances.</b> Axon resets a processor's tokens only when no other instance
     * holds a claim, so one instance, the rebuilder (named in {@link ReadModelVersions}), carries a
     * rebuild out and holds every segment until the switch: every other instance stops its processor
     * while there is a rebuilder, which gives its segments back and claims none. The rebuilder resets
     * the tokens once no other instance holds a live claim (a slow instance is waited for; a dead
     * one's claims time out), then fills the new version, switches, and stops being the rebuilder;
     * the others start again and the {@link uk.crcledger.projection.SegmentBalancer} shares the
     * segments out. The rebuilder says it is alive every round; one silent for {@code claimTimeout}
     * is replaced by the first instance to notice, which takes over where it stood (before the reset,
     * or filling the new version from the tokens it left). A read model in an older storage layout is
     * rebuilt the same way, by the first instance to see it.
     */
    public synchronized void keepUp(String node, StreamingEventProcessor processor, TokenStore tokens,
                                    Duration claimTimeout) {
        Instant now = Instant.now();
        ReadModelVersions.State state = versions.state();
        if (state.outdatedLayout() && state.rebuilder() == null && state.building() == null
                && versions.askForRebuild(node, now)) {
            log.info("The read model {} is stored in layout {}, this version writes layout {}: rebuilding it",
                    PROCESSOR, state.layout(), MongoModel.LAYOUT);
            state = versions.state();
        }
        if (state.rebuilder() == null) {
            resume(processor);
            // A rebuild started before rebuilders were recorded: whoever holds every segment finishes it.
            completeRebuildIfCaughtUp(processor, tokens);
        } else if (state.rebuilder().equals(node)) {
            resume(processor);
            versions.rebuilderAlive(node, now);
            if (state.building() == null) {
                if (!store.claimedElsewhere(PROCESSOR, node, now.minus(claimTimeout))) {
                    startRebuild(processor, tokens, state, node);
                }
            } else {
                completeRebuildIfCaughtUp(processor, tokens);
            }
        } else if (state.rebuilderSeen().isBefore(now.minus(claimTimeout))) {
            if (versions.takeOverRebuild(state, node, now)) {
                log.warn("{} took over the rebuild of {} from {}, silent since {}", node, PROCESSOR,
                        state.rebuilder(), state.rebuilderSeen());
            }
        } else if (processor.isRunning()) {
            log.info("{} stops its processor {} while {} rebuilds the read model", node, PROCESSOR,
                    state.rebuilder());
            processor.shutDown();
            pausedForRebuild = true;
        }
    }

    /** Starts the processor again if this instance stopped it for another's rebuild. */
    private void resume(StreamingEventProcessor processor) {
        if (pausedForRebuild) {
            pausedForRebuild = false;
            processor.start();
        }
    }

    /**
     * Starts a rebuild: a new version, filled from the first event by the processor after its tokens
     * are reset. The versions document is saved before the processor starts again, so no batch of
     * the replay goes to the old version. A claim taken in the meantime by an instance slow to stop
     * makes the reset refuse, changing no token: the next round tries again.
     */
    private void startRebuild(StreamingEventProcessor processor, TokenStore tokens, ReadModelVersions.State state,
                              String node) {
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
            if (!versions.saveAsRebuilder(state.building(next, until), node)) {
                return; // another instance took the rebuild over: it resets the tokens again
            }
        } catch (UnableToClaimTokenException e) {
            log.info("Another instance still holds a segment of {}: the rebuild starts once it has let go", PROCESSOR);
            return;
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

    public Status status(Supplier<StreamingEventProcessor> processor) {
        ReadModelVersions.State state = versions.state();
        StreamingEventProcessor p = processor.get();
        long position = p.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(java.util.OptionalLong::isPresent).mapToLong(java.util.OptionalLong::getAsLong)
                .min().orElse(0);
        return new Status(PROCESSOR, state.active(), state.building(),
                state.building() != null || state.rebuilder() != null ? "rebuilding" : "live", position,
                events.headPosition() - 1);
    }

    /** What an admin sees: which version answers, whether one is being built, how far along. */
    public record Status(String name, int activeVersion, Integer buildingVersion, String state, long position,
                         long headPosition) {
    }

    private void drop(int version) {
        store.drop(version);
    }
}
