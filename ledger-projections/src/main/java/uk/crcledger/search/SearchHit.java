package uk.crcledger.search;

import uk.crcledger.entry.EntryType;
import uk.crcledger.timeline.EntryStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry found, as its revision current at the moment asked about says it.
 *
 * @param providerId the provider the entry's own events name; null when only the contract periods say
 *                   it (the caller resolves those)
 * @param summary    the one-line summary, written when the revision was indexed
 * @param position   the ledger position where the entry was recorded
 * @param snippets   the passages that matched, field by field, best field first
 */
public record SearchHit(String entryId, EntryType type, LocalDate occurredOn, List<String> crcIds,
                        String providerId, EntryStatus status, String summary, float score, long position,
                        List<Snippet> snippets) {

    public SearchHit {
        crcIds = List.copyOf(crcIds);
        snippets = List.copyOf(snippets);
    }
}
