package uk.crcledger.api.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.search.InvalidSearchException;
import uk.crcledger.search.SearchHit;
import uk.crcledger.search.SearchIndexer;
import uk.crcledger.search.SearchRequest;
import uk.crcledger.search.SearchResults;
import uk.crcledger.timeline.ContractPeriod;
import uk.crcledger.timeline.CrcView;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.ProviderView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@RestController
@RequestMapping(produces = {"application/json", "application/problem+json"})
@Tag(name = "Search", description = "Full-text search over the entries, live or as the ledger stood at an instant")
public class SearchController {

    private final SearchIndexer index;
    private final ReadModelAnswers answers;

    public SearchController(SearchIndexer index, ReadModelAnswers answers) {
        this.index = index;
        this.answers = answers;
    }

    @GetMapping("/api/search")
    @Operation(operationId = "search", summary = "Entries whose summary, description, findings, incident text, "
            + "source titles or names match, best first, with the matching passages")
    @ApiResponse(responseCode = "200", description = "A page of entries found, most relevant first (ties in "
            + "ledger order); each with snippets whose parts marked match=true are the words found")
    @ApiResponse(responseCode = "400", description = "q is empty, too long, malformed, or asks too much "
            + "(leading wildcards, regular expressions, too many words); or a filter is invalid; named in `field`")
    @ApiResponse(responseCode = "503", description = "The search index is being built; Retry-After says when "
            + "to ask again")
    public SearchPage search(@ParameterObject SearchParameters parameters) {
        Instant at = ReadModelAnswers.instant(parameters.asOf());
        LedgerQueries queries = answers.at(parameters.asOf());
        Holders holders = new Holders(queries);
        SearchRequest request = parameters.request(at, parameters.provider() == null ? null
                : holders.scope(parameters.provider()));
        SearchResults results;
        try {
            results = index.search(request);
        } catch (InvalidSearchException e) {
            throw new BadRequest(e.parameter(), e.getMessage());
        }
        List<SearchItem> items = results.hits().stream().map(holders::item).toList();
        boolean more = request.offset() + items.size() < results.total();
        return new SearchPage(items, results.total(), results.totalIsLowerBound(),
                more ? parameters.next(ServletUriComponentsBuilder.fromCurrentRequest()) : null);
    }

    @GetMapping("/api/admin/search-index")
    @Operation(operationId = "searchIndexStatus", summary = "This instance's search index: state, position, lag",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The index's status")
    public SearchIndexer.Status status() {
        return index.status();
    }

    @PostMapping("/api/admin/search-index/rebuild")
    @Operation(operationId = "rebuildSearchIndex", summary = "Empty this instance's search index and build it "
            + "again from the first event; searches answer 503 until it has caught up",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "202", description = "Rebuild started; follow it at GET /api/admin/search-index")
    public ResponseEntity<SearchIndexer.Status> rebuild() throws InterruptedException {
        index.rebuild();
        return ResponseEntity.accepted().body(index.status());
    }

    /**
     * Who held which CRC when, and the providers' names, as the read model's contract histories say at
     * the moment asked about: what places an entry that names no provider on one. Read once per
     * request, and only when needed.
     */
    private static final class Holders {

        private final LedgerQueries queries;
        private List<CrcView> crcs;
        private Map<String, String> names;

        Holders(LedgerQueries queries) {
            this.queries = queries;
        }

        SearchRequest.ProviderScope scope(String providerId) {
            List<SearchRequest.Held> held = new ArrayList<>();
            for (CrcView crc : crcs()) {
                for (ContractPeriod period : crc.contracts()) {
                    if (period.providerId().equals(providerId)) {
                        held.add(new SearchRequest.Held(crc.crcId(), period.startsOn(), period.endedOn()));
                    }
                }
            }
            return new SearchRequest.ProviderScope(providerId, held);
        }

        SearchItem item(SearchHit hit) {
            String providerId = hit.providerId() != null ? hit.providerId() : holder(hit.crcIds(), hit.occurredOn());
            return new SearchItem(hit.entryId(), hit.type(), hit.occurredOn(), hit.crcIds(), providerId,
                    providerId == null ? null : names().getOrDefault(providerId, providerId), hit.status(),
                    hit.summary(), hit.score(), hit.position(), hit.snippets());
        }

        /** The provider that held every one of the CRCs on the day, if one did. */
        private String holder(List<String> crcIds, LocalDate day) {
            Set<String> holders = new HashSet<>();
            for (CrcView crc : crcs()) {
                if (crcIds.contains(crc.crcId())) {
                    holders.add(crc.holderOn(day).orElse(null));
                }
            }
            return holders.size() == 1 ? holders.iterator().next() : null;
        }

        private List<CrcView> crcs() {
            return crcs != null ? crcs : (crcs = queries.crcs());
        }

        private Map<String, String> names() {
            return names != null ? names : (names = queries.providers().stream()
                    .collect(Collectors.toMap(ProviderView::providerId, ProviderView::name, (a, b) -> a)));
        }
    }
}
