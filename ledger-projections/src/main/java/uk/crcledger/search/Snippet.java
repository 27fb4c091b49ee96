package uk.crcledger.search;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A passage of one field that matched, in parts: plain text, and the words that matched marked. A
 * page builds its own markup from the parts, so no text from the ledger is ever sent as HTML.
 *
 * @param field the field it comes from: summary, description, findings, sources or names
 */
@Schema(description = "A passage that matched, as plain-text parts; the parts with match=true are the words found")
public record Snippet(String field, List<Part> parts) {

    public Snippet {
        parts = List.copyOf(parts);
    }

    /** A stretch of the passage's text; {@code match} when it is a word the query found. */
    public record Part(String text, boolean match) {
    }
}
