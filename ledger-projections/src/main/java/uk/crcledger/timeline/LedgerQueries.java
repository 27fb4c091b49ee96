package uk.crcledger.timeline;

import java.util.List;
import java.util.Optional;

/**
 * The questions a reader can ask of the ledger, answered live or as the ledger knew them at an
 * instant (see {@link LedgerReadModel#queries}). Empty means no such CRC, provider or entry (then).
 */
public interface LedgerQueries {

    /** Every CRC, by id. */
    List<CrcView> crcs();

    /** Every provider, by id. */
    List<ProviderView> providers();

    Optional<CrcView> crc(String crcId);

    Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter);

    Optional<ProviderSummary> provider(String providerId);

    Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter);

    Optional<LedgerEntry> entry(String entryId);
}
