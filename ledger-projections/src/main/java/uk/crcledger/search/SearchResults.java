package uk.crcledger.search;

import java.util.List;

/**
 * A page of what a search found, best first.
 *
 * @param total how many entries match in all
 */
public record SearchResults(List<SearchHit> hits, int total) {

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
