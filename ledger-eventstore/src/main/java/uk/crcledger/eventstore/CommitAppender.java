package uk.crcledger.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends commit documents with a group commit: a caller hands over its commit; whichever caller
 * finds the writer's lock free becomes the writer and stores every commit waiting at that moment
 * with one ordered {@code insertMany} (one server round trip, one file commit on the embedded
 * server), giving them consecutive ledger positions, until none is left. The others wait for their
 * result, or take the lock in turn. A lone writer therefore stores its own commit on its own thread,
 * with no hand-over; under contention commits are batched.
 * <p>
 * A position is claimed by the insert itself: the commit document's {@code _id} is its position,
 * so two writers (two app instances) can never both store one, and a writer only moves past a
 * position once it has seen the document there. That is what keeps the ledger gapless and the
 * order of positions the order of commits (see {@link MongoLedgerStorageEngine}).
 */
final class CommitAppender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommitAppender.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final long HINT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long APPEND_TIMEOUT_SECONDS = 60;
    /** The longest a waiting caller sleeps before looking again (it is normally woken before). */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final MongoCollection<Document> commits;
    private final CommitChain chain;
    private final int maxBatch;
    private final Queue<PendingCommit> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean running = true;

    /** Guarded by {@link #writing}. */
    private long nextPosition;
    private long lastHintNanos;

    CommitAppender(MongoCollection<Document> commits, CommitChain chain, int maxBatch) {
        this.commits = commits;
        this.chain = chain;
        this.maxBatch = maxBatch;
        this.nextPosition = chain.head();
    }

    /**
     * Stores one commit and answers its position once it is stored (acknowledged by the server with
     * the collection's write concern).
     *
     * @throws StreamConflictException when another commit already holds the commit's stream key
     */
    long append(Document commit, List<String> recordedBy) {
        if (!running) {
            throw new IllegalStateException("The event store is closed");
        }
        PendingCommit pending = new PendingCommit(commit, recordedBy);
        queue.add(pending);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(APPEND_TIMEOUT_SECONDS);
        boolean interrupted = false;
        while (!pending.result.isDone()) {
            if (writing.tryLock()) {
                try {
                    writeUntilStored(pending);
                } finally {
                    writing.unlock();
                }
                // Hand over: the oldest waiting caller takes the lock next.
                PendingCommit oldest = queue.peek();
                if (oldest != null) {
                    LockSupport.unpark(oldest.caller);
                }
                continue;
            }
            if (System.nanoTime() > deadline && queue.remove(pending)) {
                throw new IllegalStateException("The event store did not store the events within "
                        + APPEND_TIMEOUT_SECONDS + " s; they were not stored");
            }
            // Woken when stored, or when the writer hands over; the time limit only guards a lost wake-up.
            LockSupport.parkNanos(this, WAIT_SLICE_NANOS);
            if (Thread.interrupted()) {
                if (queue.remove(pending)) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while appending events; they were not stored");
                }
                // A writer has them: never report a failure for events that may yet be stored.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return pending.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while appending events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Holding the lock: stores batches of waiting commits until the caller's own is stored (then the
     * caller goes back to its work and another waiting caller writes the rest).
     */
    private void writeUntilStored(PendingCommit own) {
        List<PendingCommit> batch = new ArrayList<>(maxBatch);
        PendingCommit next;
        while (!own.result.isDone() && (next = queue.poll()) != null) {
            batch.add(next);
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
            }
            try {
                write(batch);
            } catch (RuntimeException | Error e) {
                log.error("Appending a batch of {} commits failed", batch.size(), e);
                // Every caller in the batch is told; none is left waiting.
                batch.forEach(p -> p.failed(e));
                if (e instanceof Error error) {
                    throw error;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<PendingCommit> batch) {
        List<PendingCommit> remaining = new ArrayList<>(batch);
        int attempts = 0;
        while (!remaining.isEmpty()) {
            if (++attempts > 1_000) {
                throw new IllegalStateException("Could not claim a ledger position after 1000 attempts");
            }
            List<Document> documents = new ArrayList<>(remaining.size());
            long position = nextPosition;
            for (PendingCommit pending : remaining) {
                pending.position = position;
                pending.document.put("_id", position);
                // The leaves name their positions, so they are made now, with the claim.
                EventLeaves.stamp(pending.document, position, pending.recordedBy);
                documents.add(pending.document);
                position += pending.eventCount();
            }
            try {
                commits.insertMany(documents, new InsertManyOptions().ordered(true));
                remaining.forEach(PendingCommit::stored);
                nextPosition = position;
                remaining.clear();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().isEmpty()) {
                    // Only the write concern failed (a timeout, a step-down): the documents may or
                    // may not be durable yet. Find out which are there rather than guess.
                    resolveUnknownOutcome(remaining, e);
                    remaining.clear();
                    continue;
                }
                BulkWriteError error = e.getWriteErrors().get(0);
                int failedIndex = error.getIndex();
                // An ordered insert stored everything before the failed document.
                remaining.subList(0, failedIndex).forEach(PendingCommit::stored);
                remaining = new ArrayList<>(remaining.subList(failedIndex, remaining.size()));
                PendingCommit failed = remaining.get(0);
                nextPosition = failed.position;
                if (error.getCode() != DUPLICATE_KEY) {
                    remaining.remove(0);
                    failed.failed(new MongoException(error.getCode(), error.getMessage()));
                } else if (chain.isTaken(failed.position)) {
                    // Another writer (another app instance) took this position: move to the head.
                    nextPosition = chain.headFrom(failed.position);
                } else if (claimsTakenKey(failed)) {
                    // What the commit records is recorded already (another command claimed its key).
                    remaining.remove(0);
                    failed.failed(new KeyTakenException(failed.document.getString(CommitChain.KEY), e));
                } else {
                    // The stream key is taken: a concurrent command on the same aggregate won.
                    remaining.remove(0);
                    failed.failed(new StreamConflictException(
                            failed.document.getString(CommitChain.STREAM), e));
                }
            } catch (MongoException e) {
                // The outcome is unknown (a connection dropped, a primary stepped down): find out
                // which of our documents are there, and fail the others so their commands can be
                // retried; never guess.
                resolveUnknownOutcome(remaining, e);
                remaining.clear();
            }
        }
        writeHeadHintNowAndThen();
    }

    private boolean claimsTakenKey(PendingCommit pending) {
        String key = pending.document.getString(CommitChain.KEY);
        return key != null && chain.commitClaiming(key) != null;
    }

    private void resolveUnknownOutcome(List<PendingCommit> remaining, MongoException cause) {
        for (PendingCommit pending : remaining) {
            Document stored = chain.commitAt(pending.position);
            if (stored != null && pending.commitId().equals(stored.getString(CommitChain.COMMIT_ID))) {
                pending.stored();
            } else {
                pending.failed(cause);
            }
        }
        nextPosition = chain.headFrom(nextPosition);
    }

    private void writeHeadHintNowAndThen() {
        long now = System.nanoTime();
        if (now - lastHintNanos < HINT_INTERVAL_NANOS) {
            return;
        }
        lastHintNanos = now;
        try {
            chain.writeHeadHint(nextPosition);
        } catch (MongoException e) {
            log.warn("Could not record the head position hint: {}", e.toString());
        }
    }

    @Override
    public void close() {
        // Commits already handed over are still stored by their callers; new ones are refused.
        running = false;
    }

    private static final class PendingCommit {
        private final Document document;
        private final List<String> recordedBy;
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private final Thread caller = Thread.currentThread();
        private long position;

        private PendingCommit(Document document, List<String> recordedBy) {
            this.document = document;
            this.recordedBy = recordedBy;
        }

        private int eventCount() {
            return document.getList(CommitChain.EVENTS, Document.class).size();
        }

        private String commitId() {
            return document.getString(CommitChain.COMMIT_ID);
        }

        private void stored() {
            result.complete(position);
            LockSupport.unpark(caller);
        }

        private void failed(Throwable cause) {
            result.completeExceptionally(cause);
            LockSupport.unpark(caller);
        }
    }

    /** Thrown when the unique key a commit claims ({@link CommitKey}) is held by another commit. */
    static final class KeyTakenException extends RuntimeException {
        KeyTakenException(String key, Throwable cause) {
            super("Another commit already claimed the key " + key, cause);
        }
    }

    /** Thrown when a commit's stream key is already taken: optimistic locking on an aggregate. */
    static final class StreamConflictException extends RuntimeException {
        StreamConflictException(String streamKey, Throwable cause) {
            super("Another commit already stored " + streamKey, cause);
        }
    }
}
