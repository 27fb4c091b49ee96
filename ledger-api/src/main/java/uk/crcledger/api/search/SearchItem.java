package uk.crcledger.api.search;

import io.swagger.v3.oas.annotations.media.Schema;
import uk.crcledger.entry.EntryType;
import uk.crcledger.search.Snippet;
import uk.crcledger.timeline.EntryStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry a search found, as the ledger stood at the moment asked about.
 *
 * @param providerId the provider it concerns: the one it names, else the holder of its CRCs on the day
 *                   it happened (null when that is not one provider)
 * @param score      relevance, higher first; only comparable within one answer
 * @param snippets   the passages that matched, with the words found marked
 */
@Schema(description = "An entry found by a search, with the passages that matched")
public record SearchItem(String entryId, EntryType type, LocalDate occurredOn, List<String> crcIds,
                         @Schema(nullable = true) String providerId, @Schema(nullable = true) String providerName,
                         EntryStatus status, String summary, float score, long ledgerPosition,
                         List<Snippet> snippets) {
}
