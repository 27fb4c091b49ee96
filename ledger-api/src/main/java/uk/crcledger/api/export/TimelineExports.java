package uk.crcledger.api.export;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.api.readmodel.TimelineParameters;
import uk.crcledger.timeline.CrcView;
import uk.crcledger.timeline.ProviderSummary;
import uk.crcledger.timeline.Timeline;
import uk.crcledger.timeline.TimelineFilter;

import java.util.List;

/**
 * The CRC and provider timelines in other formats, chosen by Spring's content negotiation
 * ({@link TimelineFormats}): {@code ?format=csv} or {@code Accept: text/csv} reach the {@code text/csv}
 * mappings here, {@code ?format=timelinejs} the TimelineJS ones; the JSON timeline (the default) is the
 * controllers' own. The filters and {@code asOf} are those of the JSON timeline; without {@code page} or
 * {@code size} an export holds the whole timeline, not one page.
 */
@RestController
@Tag(name = "Exports", description = "The ledger as CSV, TimelineJS, Atom and OCDS")
public class TimelineExports {

    static final List<String> FORMATS = List.copyOf(TimelineFormats.FORMATS.keySet());
    private static final String CRC_TIMELINE = "/api/crcs/{crcId}/timeline";
    private static final String PROVIDER_TIMELINE = "/api/providers/{providerId}/timeline";

    private final ReadModelAnswers answers;

    public TimelineExports(ReadModelAnswers answers) {
        this.answers = answers;
    }

    @Hidden // documented on the timeline's own operation (TimelineResponses)
    @GetMapping(path = CRC_TIMELINE, produces = "text/csv")
    public ResponseEntity<CsvTable> crcTimelineCsv(@PathVariable String crcId,
                                                   @ParameterObject TimelineParameters parameters) {
        return csv(crcTimeline(crcId, parameters), parameters, "crc-" + crcId);
    }

    @Hidden
    @GetMapping(path = CRC_TIMELINE, params = "format=timelinejs", produces = "application/json")
    public TimelineJsTimeline.Document crcTimelineJs(@PathVariable String crcId, @ParameterObject TimelineParameters parameters) {
        Timeline timeline = crcTimeline(crcId, parameters);
        // Titled by the CRC's name as the ledger knew it then, as a reader would title it; the id is for machines.
        String name = answers.at(parameters.asOf()).crc(crcId).map(CrcView::name).orElse(crcId);
        return TimelineJsTimeline.render(timeline.items(), "Timeline of the " + name + " CRC", permalinkBase());
    }

    @Hidden
    @GetMapping(path = PROVIDER_TIMELINE, produces = "text/csv")
    public ResponseEntity<CsvTable> providerTimelineCsv(@PathVariable String providerId,
                                                        @ParameterObject TimelineParameters parameters) {
        return csv(providerTimeline(providerId, parameters), parameters, "provider-" + providerId);
    }

    @Hidden
    @GetMapping(path = PROVIDER_TIMELINE, params = "format=timelinejs", produces = "application/json")
    public TimelineJsTimeline.Document providerTimelineJs(@PathVariable String providerId,
                                                  @ParameterObject TimelineParameters parameters) {
        Timeline timeline = providerTimeline(providerId, parameters);
        String name = answers.at(parameters.asOf()).provider(providerId).map(ProviderSummary::name).orElse(providerId);
        return TimelineJsTimeline.render(timeline.items(), "Timeline of " + name, permalinkBase());
    }

    /**
     * Any other {@code format}: content negotiation ignores a format it does not know (it would otherwise
     * answer 406 with no body), so it is refused here, naming the formats there are.
     */
    @Hidden
    @GetMapping(path = {CRC_TIMELINE, PROVIDER_TIMELINE},
            params = {"format", "format!=json", "format!=csv", "format!=timelinejs"})
    public void unknownFormat(@RequestParam String format) {
        throw new BadRequest("format", "format must be one of " + FORMATS + ", was '" + format + "'");
    }

    private Timeline crcTimeline(String crcId, TimelineParameters parameters) {
        return ReadModelAnswers.found(answers.at(parameters.asOf()).crcTimeline(crcId, wholeUnlessPaged(parameters)),
                "No CRC " + crcId);
    }

    private Timeline providerTimeline(String providerId, TimelineParameters parameters) {
        return ReadModelAnswers.found(answers.at(parameters.asOf())
                .providerTimeline(providerId, wholeUnlessPaged(parameters)), "No provider " + providerId);
    }

    /** The page asked for; without page or size, the whole timeline. */
    private static TimelineFilter wholeUnlessPaged(TimelineParameters parameters) {
        TimelineFilter filter = parameters.filter();
        if (parameters.page() == null && parameters.size() == null) {
            return new TimelineFilter(filter.types(), filter.from(), filter.to(), filter.providerId(), 0,
                    Integer.MAX_VALUE);
        }
        return filter;
    }

    private static ResponseEntity<CsvTable> csv(Timeline timeline, TimelineParameters parameters, String fileName) {
        String stamp = parameters.asOf() == null || parameters.asOf().isBlank() ? ""
                : "-asof-" + parameters.asOf().replaceAll("[^0-9A-Za-z]", "");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + stamp + ".csv\"")
                .body(CsvTimeline.table(timeline.items(), permalinkBase()));
    }

    static String permalinkBase() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/entries/").build().toUriString();
    }

}
