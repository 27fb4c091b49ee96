package uk.crcledger.timeline;

import com.github.benmanes.caffeine.cache.Cache;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers through a cache, each kept under the question, the moment asked about and the stamp of
 * the read model it was computed from, so it is given again only while the read model has not moved.
 * <p>
 * Why: a timeline is derived when read (who held the CRC on each date, which provider each finding
 * falls to), from documents that change only when the processor handles a batch; readers ask the
 * same few timelines far more often than the ledger changes. Answers are immutable records, so they
 * are shared safely.
 */
final class CachedQueries implements LedgerQueries {

    private final Cache<List<Object>, Object> cache;
    private final Supplier<LedgerQueries> queries;
    private final Object stamp;
    private final Instant asOf;
    private final Derivations derivations;

    CachedQueries(Cache<List<Object>, Object> cache, Supplier<LedgerQueries> queries, Object stamp, Instant asOf,
                  Derivations derivations) {
        this.cache = cache;
        this.queries = queries;
        this.stamp = stamp;
        this.asOf = asOf;
        this.derivations = derivations;
    }

    @Override
    public List<CrcView> crcs() {
        return cheap(() -> queries.get().crcs(), "crcs");
    }

    @Override
    public List<ProviderView> providers() {
        return cheap(() -> queries.get().providers(), "providers");
    }

    @Override
    public Optional<CrcView> crc(String crcId) {
        return cheap(() -> queries.get().crc(crcId), "crc", crcId);
    }

    @Override
    public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
        return cached(() -> queries.get().crcTimeline(crcId, filter), "crcTimeline", crcId, filter);
    }

    @Override
    public Optional<ProviderSummary> provider(String providerId) {
        return cached(() -> queries.get().provider(providerId), "provider", providerId);
    }

    @Override
    public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
        return cached(() -> queries.get().providerTimeline(providerId, filter), "providerTimeline", providerId,
                filter);
    }

    @Override
    public Optional<LedgerEntry> entry(String entryId) {
        return cheap(() -> queries.get().entry(entryId), "entry", entryId);
    }

    /**
     * Derived from this cached instance, so the answers it reads are cached too. Computed outside the cache's own
     * computation (then put), because it asks the cache for those answers, and a cache may not be updated from
     * within one of its computations; two readers asking at once may both compute it, and give equal answers.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T derived(List<Object> question, Function<LedgerQueries, T> answer) {
        List<Object> key = Arrays.asList(stamp, asOf, Arrays.asList("derived", question));
        Object known = cache.getIfPresent(key);
        if (known != null) {
            return (T) known;
        }
        T computed = derivations.derive(() -> answer.apply(this));
        cache.put(key, computed);
        return computed;
    }

    /**
     * An answer that reads a few small documents (an entry, the registers, a CRC's contract entries):
     * from the cache, else derived at once and kept. It does not wait behind long derivations: a
     * write's 201 waits on its entry's answer.
     */
    @SuppressWarnings("unchecked")
    private <T> T cheap(Supplier<T> answer, Object... question) {
        return (T) cache.get(Arrays.asList(stamp, asOf, Arrays.asList(question)), k -> answer.get());
    }

    /** An answer that reads whole timelines: from the cache, else derived in its turn (see {@link Derivations}) and kept. */
    @SuppressWarnings("unchecked")
    private <T> T cached(Supplier<T> answer, Object... question) {
        Object known = cache.getIfPresent(Arrays.asList(stamp, asOf, Arrays.asList(question)));
        return known != null ? (T) known : derivations.derive(() -> cheap(answer, question));
    }

    /**
     * An answer's weight in the cache: the items, revisions or rows it holds, so that the cache is
     * bounded by what it keeps in memory, not by how many answers (a page of 50 items and a CRC's
     * whole timeline for an export differ a thousandfold).
     */
    static int weigh(List<Object> key, Object answer) {
        Object value = answer instanceof Optional<?> optional ? optional.orElse(null) : answer;
        if (value instanceof Timeline timeline) {
            return 1 + timeline.items().size();
        }
        if (value instanceof LedgerEntry entry) {
            return 1 + entry.revisions().size();
        }
        if (value instanceof java.util.Collection<?> many) {
            return 1 + many.size();
        }
        return 1;
    }
}
