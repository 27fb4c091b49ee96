package uk.crcledger.timeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Recent answers of the read model, each kept with the stamp of the read model it was computed from
 * and given again only while the stamp is the same.
 * <p>
 * Why: a timeline is derived when read (who held the CRC on each date, which provider each finding
 * falls to), from documents that change only when the processor handles a batch; readers ask the
 * same few timelines far more often than the ledger changes. Answers are shared, so callers must not
 * change what they get (the web layer copies them into its own maps).
 */
final class AnswerCache {

    private final int capacity;
    private final Map<Object, Stamped> answers;

    AnswerCache(int capacity) {
        this.capacity = capacity;
        this.answers = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Stamped> eldest) {
                return size() > AnswerCache.this.capacity;
            }
        };
    }

    /** The answer to {@code question} computed at {@code stamp}, computing it if there is none. */
    @SuppressWarnings("unchecked")
    <T> T get(Object question, Object stamp, Supplier<T> compute) {
        Stamped found;
        synchronized (answers) {
            found = answers.get(question);
        }
        if (found != null && Objects.equals(found.stamp(), stamp)) {
            return (T) found.answer();
        }
        T answer = compute.get();
        synchronized (answers) {
            answers.put(question, new Stamped(stamp, answer));
        }
        return answer;
    }

    void clear() {
        synchronized (answers) {
            answers.clear();
        }
    }

    private record Stamped(Object stamp, Object answer) {
    }
}
