package uk.crcledger.timeline;

/**
 * Tells waiting readers that this instance's processor has committed a batch, so a reader waiting to
 * see its own write asks again then, instead of polling the store on a timer.
 */
public final class ReadModelProgress {

    private long batches;

    synchronized void advanced() {
        batches++;
        notifyAll();
    }

    /** How many batches have been committed here so far. */
    public synchronized long seen() {
        return batches;
    }

    /**
     * Waits until a batch after {@code seen} is committed here, or {@code timeoutMillis} pass (the
     * batch that matters may be handled by another instance).
     */
    public synchronized void awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (batches == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
