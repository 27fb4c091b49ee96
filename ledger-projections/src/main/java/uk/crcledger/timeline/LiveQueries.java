package uk.crcledger.timeline;

import org.bson.Document;

import java.util.List;
import java.util.Optional;

/**
 * The live read model's answers, through the {@link AnswerCache}: an answer is reused while the read
 * model's stamp (where its processor has got to, and which version is active) is unchanged, and
 * computed by {@link TimelineQueries} otherwise.
 */
public final class LiveQueries implements LedgerQueries {

    private final TimelineQueries queries;
    private final AnswerCache cache;
    private final Object stamp;

    LiveQueries(TimelineQueries queries, AnswerCache cache, Object stamp) {
        this.queries = queries;
        this.cache = cache;
        this.stamp = stamp;
    }

    public List<Document> crcs() {
        return cache.get(List.of("crcs"), stamp, queries::crcs);
    }

    public List<Document> providers() {
        return cache.get(List.of("providers"), stamp, queries::providers);
    }

    @Override
    public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
        return cache.get(List.of("crcTimeline", crcId, filter), stamp, () -> queries.crcTimeline(crcId, filter));
    }

    @Override
    public Optional<Document> crc(String crcId) {
        return cache.get(List.of("crc", crcId), stamp, () -> queries.crc(crcId));
    }

    @Override
    public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
        return cache.get(List.of("providerTimeline", providerId, filter), stamp,
                () -> queries.providerTimeline(providerId, filter));
    }

    @Override
    public Optional<Document> provider(String providerId) {
        return cache.get(List.of("provider", providerId), stamp, () -> queries.provider(providerId));
    }

    @Override
    public Optional<Document> entry(String entryId) {
        return cache.get(List.of("entry", entryId), stamp, () -> queries.entry(entryId));
    }
}
