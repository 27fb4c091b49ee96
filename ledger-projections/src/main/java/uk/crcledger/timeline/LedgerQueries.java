package uk.crcledger.timeline;

import org.bson.Document;

import java.util.Optional;

/**
 * The questions a reader can ask of one CRC, provider or entry: answered live by {@link TimelineQueries}
 * or as of an instant by {@link AsOfQueries}. Empty means no such CRC, provider or entry (then).
 */
public interface LedgerQueries {

    Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter);

    Optional<Document> crc(String crcId);

    Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter);

    Optional<Document> provider(String providerId);

    Optional<Document> entry(String entryId);
}
