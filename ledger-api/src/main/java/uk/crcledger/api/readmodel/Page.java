package uk.crcledger.api.readmodel;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A list in the API's wire format: its items, how many match in all, and the link to the next page
 * (null on the last).
 */
public record Page<T>(List<T> items, int total,
                      @Schema(description = "The next page's address, null on the last page", nullable = true)
                      String next) {

    /** A whole list, one page. */
    public static <T> Page<T> of(List<T> items) {
        return new Page<>(items, items.size(), null);
    }
}
