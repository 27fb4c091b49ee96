package uk.crcledger.timeline;

import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Answers as of an instant long enough ago that they cannot change, kept in an {@link AnswerCache}. */
final class SettledQueries implements LedgerQueries {

    private static final Object SETTLED = "settled";

    private final LedgerQueries queries;
    private final AnswerCache cache;
    private final Instant at;

    SettledQueries(LedgerQueries queries, AnswerCache cache, Instant at) {
        this.queries = queries;
        this.cache = cache;
        this.at = at;
    }

    @Override
    public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
        return cache.get(List.of("crcTimeline", at, crcId, filter), SETTLED, () -> queries.crcTimeline(crcId, filter));
    }

    @Override
    public Optional<Document> crc(String crcId) {
        return cache.get(List.of("crc", at, crcId), SETTLED, () -> queries.crc(crcId));
    }

    @Override
    public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
        return cache.get(List.of("providerTimeline", at, providerId, filter), SETTLED,
                () -> queries.providerTimeline(providerId, filter));
    }

    @Override
    public Optional<Document> provider(String providerId) {
        return cache.get(List.of("provider", at, providerId), SETTLED, () -> queries.provider(providerId));
    }

    @Override
    public Optional<Document> entry(String entryId) {
        return cache.get(List.of("entry", at, entryId), SETTLED, () -> queries.entry(entryId));
    }
}
