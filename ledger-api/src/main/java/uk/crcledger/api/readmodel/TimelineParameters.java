package uk.crcledger.api.readmodel;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.util.UriComponentsBuilder;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.entry.EntryType;
import uk.crcledger.timeline.TimelineFilter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of a timeline, bound by Spring from the request and checked here so a bad
 * one is a 400 naming it.
 */
public record TimelineParameters(
        @Parameter(description = "First date happened to include (ISO date, inclusive)", example = "2015-01-01")
        String from,
        @Parameter(description = "Last date happened to include (ISO date, inclusive)", example = "2019-12-31")
        String to,
        @Parameter(description = "Entry types to include (repeatable); all when absent",
                array = @ArraySchema(schema = @Schema(implementation = EntryType.class)))
        List<String> type,
        @Parameter(description = "Only entries concerning this provider (id)", example = "purple-futures")
        String provider,
        @Parameter(description = "Answer as the ledger knew it at this instant (ISO-8601)",
                example = "2019-02-16T00:00:00Z")
        String asOf,
        @Parameter(description = "Page number, from 0", example = "0")
        Integer page,
        @Parameter(description = "Items per page, 1 to 200 (default 50)", example = "50")
        Integer size) {

    public static final int MAX_SIZE = 200;
    private static final Map<String, EntryType> TYPES = Arrays.stream(EntryType.values())
            .collect(Collectors.toMap(EntryType::jsonName, t -> t, (a, b) -> a, LinkedHashMap::new));

    public TimelineFilter filter() {
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? TimelineFilter.DEFAULT_LIMIT : size;
        if (pageNumber < 0) {
            throw new BadRequest("page", "page must be 0 or more, was " + pageNumber);
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new BadRequest("size", "size must be from 1 to " + MAX_SIZE + ", was " + pageSize);
        }
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw new BadRequest("to", "to (" + toDate + ") is before from (" + fromDate + ")");
        }
        Set<EntryType> types = new LinkedHashSet<>();
        for (String t : type == null ? List.<String>of() : type) {
            if (!TYPES.containsKey(t)) {
                throw new BadRequest("type", "type must be one of " + TYPES.keySet() + ", was '" + t + "'");
            }
            types.add(TYPES.get(t));
        }
        if (provider != null && (provider.isBlank() || provider.length() > 60)) {
            throw new BadRequest("provider", "provider must be a provider id");
        }
        long offset = (long) pageNumber * pageSize;
        if (offset > Integer.MAX_VALUE) {
            throw new BadRequest("page", "page is too large");
        }
        return new TimelineFilter(types, fromDate, toDate, provider, (int) offset, pageSize);
    }

    /** The link to the next page: this request with page + 1. */
    public String next(UriComponentsBuilder current) {
        return current.replaceQueryParam("page", (page == null ? 0 : page) + 1).build().toUriString();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, field + " must be an ISO date such as 2016-01-20, was '" + value + "'");
        }
    }
}
