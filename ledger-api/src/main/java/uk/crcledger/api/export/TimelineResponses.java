package uk.crcledger.api.export;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers of a CRC's or provider's timeline, for the OpenAPI document: one operation per timeline, whose
 * {@code format} chooses the JSON page (the default), CSV or TimelineJS ({@link TimelineExports} serves the last
 * two and is left out of the document; {@code PageTimelineItem} is the name springdoc gives the controllers'
 * {@code Page<TimelineItem>}, checked by {@code OpenApiDocumentIntegrationTest}, which would otherwise merge its mappings into the same operation). The
 * TimelineJS document is {@code application/json} on the wire; its entry here carries a {@code format} parameter
 * only so that the document can name its schema beside the page's.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "200", description = "One page of the timeline; with format=csv (or Accept: text/csv) "
        + "the CSV export, with format=timelinejs the TimelineJS document (both the whole timeline unless page or "
        + "size is given)",
        content = {@Content(mediaType = "application/json", schema = @Schema(ref = "PageTimelineItem")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                        description = "RFC 4180 CSV, UTF-8 with a byte-order mark, one row per entry under a header")),
                @Content(mediaType = TimelineResponses.TIMELINEJS,
                        schema = @Schema(implementation = TimelineJsTimeline.Document.class))})
@ApiResponse(responseCode = "400", description = "A bad parameter or an unknown format, named in `field`")
public @interface TimelineResponses {

    /** The TimelineJS export's entry in the document (on the wire: application/json). */
    String TIMELINEJS = "application/json;format=timelinejs";
    String FORMAT_DESCRIPTION = "json (the default), csv (also chosen by Accept: text/csv) or timelinejs";
}
