package uk.crcledger.timeline;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * An answer derived from these queries (e.g. the overview of every CRC), kept like theirs: under the
     * question, the moment and the read model's stamp, when these queries are cached ({@link CachedQueries}).
     *
     * @param question what identifies the answer (its name and parameters); equal questions get one answer
     */
    default <T> T derived(List<Object> question, Function<LedgerQueries, T> answer) {
        return answer.apply(this);
    }
}
