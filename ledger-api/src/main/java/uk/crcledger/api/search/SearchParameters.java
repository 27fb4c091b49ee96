package uk.crcledger.api.search;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.util.UriComponentsBuilder;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.readmodel.TimelineParameters;
import uk.crcledger.entry.EntryType;
import uk.crcledger.search.SearchRequest;
import uk.crcledger.timeline.TimelineFilter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The query parameters of a search, bound by Spring and checked here, so a bad one is a 400 naming it.
 * The filters read as a timeline's do (the same checks, by {@link TimelineParameters}); {@code type}
 * and {@code crc} take several values, repeated or comma-separated.
 */
public record SearchParameters(
        @Parameter(description = "What to search for: words (all must appear; English stemming, so 'breach' "
                + "finds 'breaches'), \"a phrase\", OR, -word to exclude, prefix* (3 letters at least), "
                + "field:word (summary, description, findings, sources, names). At most 500 characters.",
                required = true, example = "\"serious further offence\"")
        String q,
        @Parameter(description = "Entry types to include (repeatable or comma-separated); all when absent",
                array = @ArraySchema(schema = @Schema(implementation = EntryType.class)))
        List<String> type,
        @Parameter(description = "Only entries naming these CRCs (ids; repeatable or comma-separated)",
                example = "west-yorkshire")
        List<String> crc,
        @Parameter(description = "Only entries concerning this provider (id): those naming it, and those on a "
                + "CRC while it held the contract", example = "purple-futures")
        String provider,
        @Parameter(description = "First date happened to include (ISO date, inclusive)", example = "2015-01-01")
        String from,
        @Parameter(description = "Last date happened to include (ISO date, inclusive)", example = "2019-12-31")
        String to,
        @Parameter(description = "Answer as the ledger stood at this instant (ISO-8601)",
                example = "2019-02-16T00:00:00Z")
        String asOf,
        @Parameter(description = "Page number, from 0", example = "0")
        Integer page,
        @Parameter(description = "Results per page, 1 to " + SearchParameters.MAX_SIZE + " (default "
                + SearchParameters.DEFAULT_SIZE + ")", example = "20")
        Integer size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    /** The request to the index; {@code asOf} parsed by the caller and {@code scope} resolved from the read model. */
    SearchRequest request(Instant at, SearchRequest.ProviderScope scope) {
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new BadRequest("size", "size must be from 1 to " + MAX_SIZE + ", was " + size);
        }
        TimelineFilter filter = new TimelineParameters(from, to, split(type), provider, asOf, page,
                size == null ? DEFAULT_SIZE : size).filter();
        Set<String> crcIds = new LinkedHashSet<>();
        for (String id : split(crc)) {
            if (id.isBlank() || id.length() > 60) {
                throw new BadRequest("crc", "crc must be a CRC id, was '" + id + "'");
            }
            crcIds.add(id);
        }
        Set<EntryType> types = filter.types();
        return new SearchRequest(q, types, crcIds, scope, filter.from(), filter.to(), at, filter.offset(),
                filter.limit());
    }

    /** The link to the next page: this request with page + 1. */
    String next(UriComponentsBuilder current) {
        return current.replaceQueryParam("page", (page == null ? 0 : page) + 1).build().toUriString();
    }

    private static List<String> split(List<String> values) {
        List<String> all = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value.split(",", -1)) {
                all.add(part.strip());
            }
        }
        return all;
    }
}
