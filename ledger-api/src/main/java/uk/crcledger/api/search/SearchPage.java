package uk.crcledger.api.search;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A page of what a search found, best first: the list format of the API ({@code items}, {@code total}, {@code next})
 * with one more fact, since a search counts its matches only as far as a page can go.
 */
public record SearchPage(List<SearchItem> items,
                         @Schema(description = "How many entries match; with totalIsLowerBound, at least this many")
                         int total,
                         @Schema(description = "True when more entries match than were counted (a search shows its "
                                 + "first 1000 results)")
                         boolean totalIsLowerBound,
                         @Schema(description = "The next page's address, null on the last page", nullable = true)
                         String next) {
}
