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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends commit documents with a group commit: callers hand over their commit and wait; one
 * thread takes every commit waiting at that moment, gives them consecutive ledger positions and
 * stores them with one ordered {@code insertMany} (one server round trip, one file commit on the
 * embedded server).
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

    private final MongoCollection<Document> commits;
    private final CommitChain chain;
    private final int maxBatch;
    private final BlockingQueue<PendingCommit> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    /** Owned by the writer thread. */
    private long nextPosition;
    private long lastHintNanos;

    CommitAppender(MongoCollection<Document> commits, CommitChain chain, int maxBatch) {
        this.commits = commits;
        this.chain = chain;
        this.maxBatch = maxBatch;
        this.nextPosition = chain.head();
        this.writer = new Thread(this::run, "ledger-commit-appender");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Stores one commit and answers its position once it is stored (acknowledged by the server with
     * the collection's write concern).
     *
     * @throws StreamConflictException when another commit already holds the commit's stream key
     */
    long append(Document commit) {
        if (!running) {
            throw new IllegalStateException("The event store is closed");
        }
        PendingCommit pending = new PendingCommit(commit);
        queue.add(pending);
        try {
            return pending.result.get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while appending events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            if (queue.remove(pending)) {
                throw new IllegalStateException("The event store did not store the events within "
                        + APPEND_TIMEOUT_SECONDS + " s; they were not stored", e);
            }
            // The writer has them: never report a failure for events that may yet be stored.
            try {
                return pending.result.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while appending events", interrupted);
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(failed.getCause());
            }
        }
    }

    private void run() {
        List<PendingCommit> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                PendingCommit first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                log.error("Appending a batch of {} commits failed", batch.size(), e);
                batch.forEach(p -> p.result.completeExceptionally(e));
            } catch (Error e) {
                // Do not leave callers waiting on a writer that is gone.
                running = false;
                batch.forEach(p -> p.result.completeExceptionally(e));
                queue.forEach(p -> p.result.completeExceptionally(e));
                throw e;
            } finally {
                batch.clear();
            }
        }
        queue.forEach(p -> p.result.completeExceptionally(new IllegalStateException("The event store is closed")));
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
                    failed.result.completeExceptionally(new MongoException(error.getCode(), error.getMessage()));
                } else if (chain.isTaken(failed.position)) {
                    // Another writer (another app instance) took this position: move to the head.
                    nextPosition = chain.headFrom(failed.position);
                } else {
                    // The stream key is taken: a concurrent command on the same aggregate won.
                    remaining.remove(0);
                    failed.result.completeExceptionally(new StreamConflictException(
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

    private void resolveUnknownOutcome(List<PendingCommit> remaining, MongoException cause) {
        for (PendingCommit pending : remaining) {
            Document stored = chain.commitAt(pending.position);
            if (stored != null && pending.commitId().equals(stored.getString(CommitChain.COMMIT_ID))) {
                pending.stored();
            } else {
                pending.result.completeExceptionally(cause);
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

    long nextPosition() {
        return nextPosition;
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class PendingCommit {
        private final Document document;
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private long position;

        private PendingCommit(Document document) {
            this.document = document;
        }

        private int eventCount() {
            return document.getList(CommitChain.EVENTS, Document.class).size();
        }

        private String commitId() {
            return document.getString(CommitChain.COMMIT_ID);
        }

        private void stored() {
            result.complete(position);
        }
    }

    /** Thrown when a commit's stream key is already taken: optimistic locking on an aggregate. */
    static final class StreamConflictException extends RuntimeException {
        StreamConflictException(String streamKey, Throwable cause) {
            super("Another commit already stored " + streamKey, cause);
        }
    }
}
