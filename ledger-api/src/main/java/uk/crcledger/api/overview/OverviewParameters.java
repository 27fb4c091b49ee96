package uk.crcledger.api.overview;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.entry.EntryType;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.overview.OverviewFilter;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The overview's query parameters, bound by Spring and checked here, so a bad one is a 400 naming it. The owner is
 * {@code owner}, not {@code provider}: on the page, {@code provider} is the route to a provider's timeline.
 */
public record OverviewParameters(
        @Parameter(description = "Answer as the ledger knew it at this instant (ISO-8601)",
                example = "2019-02-16T00:00:00Z")
        String asOf,
        @Parameter(description = "Kinds of mark to show (repeatable); all three when absent",
                array = @ArraySchema(schema = @Schema(type = "string",
                        allowableValues = {"job-cut-announcement", "inspection-finding", "incident-report"})))
        List<String> type,
        @Parameter(description = "Only the CRCs this provider held, and the marks in its time (provider id)",
                example = "purple-futures")
        String owner) {

    /** The filter, once the owner is checked against the providers registered at the moment asked about. */
    OverviewFilter filter(LedgerQueries queries) {
        Set<EntryType> types = new LinkedHashSet<>();
        for (String name : type == null ? List.<String>of() : type) {
            types.add(Arrays.stream(EntryType.values())
                    .filter(t -> OverviewFilter.MARK_TYPES.contains(t) && t.jsonName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new BadRequest("type", "type must be one of " + markTypeNames() + ", was '"
                            + name + "'")));
        }
        String ownerId = owner == null || owner.isBlank() ? null : owner;
        if (ownerId != null && queries.provider(ownerId).isEmpty()) {
            throw new BadRequest("owner", "owner must be the id of a provider registered then, such as "
                    + "purple-futures; there is no provider '" + ownerId + "'");
        }
        return new OverviewFilter(types, ownerId);
    }

    private static List<String> markTypeNames() {
        return Arrays.stream(EntryType.values()).filter(OverviewFilter.MARK_TYPES::contains)
                .map(EntryType::jsonName).toList();
    }
}
