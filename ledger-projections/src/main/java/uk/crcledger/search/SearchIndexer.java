package uk.crcledger.search;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.eventstore.LedgerEventSource;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.timeline.ReadModelUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link SearchIndex} following the ledger: one thread reads the events after the index's
 * own position and applies them in batches, each committed with its position.
 * <p>
 * Why not an Axon processor: a processor's tokens are shared by the instances in MongoDB, while this
 * index is one instance's files; the position has to commit with the index, and a Lucene commit
 * can carry it. The events come from the same {@link LedgerEventSource} the read model's processor
 * reads, which wakes the reader as soon as this instance stores a commit (others' commits are found
 * within 100 ms).
 */
public final class SearchIndexer implements AutoCloseable {

    /** Its name in health, metrics and the admin API. */
    public static final String NAME = "search-index";
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final SearchIndex index;
    private final MongoLedgerStorageEngine events;
    private final int batchSize;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean rebuild;
    private volatile String error;

    public SearchIndexer(SearchIndex index, MongoLedgerStorageEngine events, int batchSize) {
        this.index = index;
        this.events = events;
        this.batchSize = batchSize;
        if (index.position() == 0 && index.buildUntil() == 0 || index.position() > head()) {
            // A new (or discarded) index is built before it answers, as far as the ledger goes now; so is
            // one ahead of the ledger (its data directory outlived the event store it was built from).
            index.clear(head());
        }
        this.thread = new Thread(this::follow, NAME);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public SearchIndex index() {
        return index;
    }

    /** Searches the index; while it is being built it answers 503 instead of half an answer. */
    public SearchResults search(SearchRequest request) {
        long until = index.buildUntil();
        if (until > 0) {
            throw new ReadModelUnavailableException("The search index is being built (position " + index.position()
                    + " of " + until + "); try again shortly");
        }
        return index.search(request);
    }

    /** Empties the index and builds it again from the first event; it answers 503 until it has caught up.
     * Returns once the index has been emptied. */
    public void rebuild() throws InterruptedException {
        rebuild = true;
        // Emptied by the follower, which must reopen its stream from the first event; the caller then
        // sees the rebuild under way (an empty ledger's is done at once).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (this) {
            while (rebuild && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        }
    }

    /** Where the index stands against the ledger, and the last error while it is failing. */
    public Status status() {
        return new Status(NAME, index.buildUntil() > 0 ? "rebuilding" : "live", index.searchablePosition(), head(), running
                && thread.isAlive(), error);
    }

    /**
     * @param state         {@code live}, or {@code rebuilding} while it does not answer
     * @param position      the last ledger position indexed
     * @param headPosition  the last position stored in the ledger
     * @param error         the last failure, cleared by the next batch that commits
     */
    public record Status(String name, String state, long position, long headPosition, boolean running,
                         String error) {

        public long lag() {
            return Math.max(0, headPosition - position);
        }
    }

    /** Waits until searches see the events up to {@code position}, or the timeout passes; true when they do. */
    public boolean awaitPosition(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (index.searchablePosition() < position) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    /**
     * How often, at most, new entries become searchable while recordings stream in: each refresh writes a Lucene
     * segment, and refreshing after every small batch cost more CPU than indexing itself under load.
     */
    private static final int REFRESH_MILLIS = 100;

    private void refresh() {
        index.refresh();
        synchronized (this) {
            notifyAll();
        }
    }

    private long head() {
        return events.headPosition() - 1;
    }

    private void follow() {
        LedgerEventSource source = new LedgerEventSource(events);
        while (running) {
            TrackingToken from = index.position() == 0 ? null : new GlobalSequenceTrackingToken(index.position());
            try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(from)) {
                long lastRefresh = System.nanoTime();
                while (running && !rebuild) {
                    boolean unseen = index.searchablePosition() < index.position();
                    if (stream.hasNextAvailable(unseen ? REFRESH_MILLIS : 500, TimeUnit.MILLISECONDS)) {
                        List<TrackedEventMessage<?>> batch = new ArrayList<>();
                        while (batch.size() < batchSize && stream.peek().isPresent()) {
                            batch.add(stream.nextAvailable());
                        }
                        index.add(batch);
                        error = null;
                        if (System.nanoTime() - lastRefresh >= TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS)) {
                            refresh();
                            lastRefresh = System.nanoTime();
                        }
                    } else {
                        // Quiet: show the last batches, and make them durable now rather than with the next one.
                        refresh();
                        lastRefresh = System.nanoTime();
                        index.commitIfDue();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.error("The search index could not apply events after position {}; retrying", index.position(), e);
                index.recover();
                pause();
            }
            if (rebuild) {
                log.info("Rebuilding the search index from the first event");
                index.clear(head());
                synchronized (this) {
                    rebuild = false;
                    notifyAll();
                }
            }
        }
    }

    /** Waits before trying a failed batch again, so a lasting fault is not retried in a tight loop. */
    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops following and closes the index. The thread is not interrupted: an interrupt inside
     * Lucene's file I/O closes its channels and would leave the writer broken; it sees the flag within
     * half a second instead.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
    }
}
