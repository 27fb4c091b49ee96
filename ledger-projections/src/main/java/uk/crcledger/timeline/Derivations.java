package uk.crcledger.timeline;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most a few answers derived at a time, however many readers ask; the others wait their turn.
 * <p>
 * Why: an answer not in the cache is derived from a CRC's history (a provider's, from each of its
 * CRCs' in turn), which at a million events is tens of thousands of entries parsed. On a machine
 * with few cores more derivations at once do not finish sooner, but each holds its parts and its
 * page in memory meanwhile: 32 readers of 20 CRCs filled a 1 GB heap. Answers in the cache, and
 * answers that read only small documents (an entry, the registers), are not held back. An answer derived from other answers (the overview asks for timelines) takes one turn:
 * a thread already deriving goes on without waiting, so no derivation waits on itself.
 */
final class Derivations {

    private final Semaphore turns;
    private final ThreadLocal<Boolean> deriving = ThreadLocal.withInitial(() -> false);

    Derivations(int atOnce) {
        this.turns = new Semaphore(atOnce, true);
    }

    /** As many as the machine has cores, and at least two, so one long derivation does not stop the rest. */
    static Derivations perCore() {
        return new Derivations(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    <T> T derive(Supplier<T> derivation) {
        if (deriving.get()) {
            return derivation.get();
        }
        turns.acquireUninterruptibly();
        deriving.set(true);
        try {
            return derivation.get();
        } finally {
            deriving.set(false);
            turns.release();
        }
    }

    /** How many derivations are waiting for their turn (for tests). */
    int waiting() {
        return turns.getQueueLength();
    }
}
