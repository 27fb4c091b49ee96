package uk.crcledger.search;

import java.util.List;

/**
 * A page of what a search found, best first.
 *
 * @param total             how many entries match in all, counted exactly as far as a page can go ({@link SearchIndex#MAX_RESULTS})
 * @param totalIsLowerBound true when more match than were counted: at least {@code total} do
 */
public record SearchResults(List<SearchHit> hits, int total, boolean totalIsLowerBound) {

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
