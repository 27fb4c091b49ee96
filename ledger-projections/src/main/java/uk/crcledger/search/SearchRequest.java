package uk.crcledger.search;

import uk.crcledger.entry.EntryType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A search: the words as a reader typed them, the filters, the moment and the page.
 *
 * @param text     the query, in Lucene's classic syntax (words, "phrases", AND, OR, -exclusions, prefix*)
 * @param types    entry types to include; all when empty
 * @param crcIds   only entries naming one of these CRCs; all when empty
 * @param provider only entries concerning this provider; null for all
 * @param from     first day happened to include, null for open
 * @param to       last day happened to include, null for open
 * @param asOf     as the ledger stood then; null for live
 */
public record SearchRequest(String text, Set<EntryType> types, Set<String> crcIds, ProviderScope provider,
                            LocalDate from, LocalDate to, Instant asOf, int offset, int limit) {

    public SearchRequest {
        types = types == null ? Set.of() : Set.copyOf(types);
        crcIds = crcIds == null ? Set.of() : Set.copyOf(crcIds);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit + " make no page");
        }
    }

    /**
     * The entries that concern a provider, as the timelines decide it: those that name it, and those
     * that name no provider and happened on a CRC while it held the contract.
     *
     * @param held the provider's contract periods (from the read model's contract histories)
     */
    public record ProviderScope(String providerId, List<Held> held) {

        public ProviderScope {
            held = List.copyOf(held);
        }
    }

    /** A CRC held from {@code from} until the day before {@code until} (null while held). */
    public record Held(String crcId, LocalDate from, LocalDate until) {
    }
}
