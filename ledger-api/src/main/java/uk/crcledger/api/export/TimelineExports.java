package uk.crcledger.api.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.api.readmodel.TimelineParameters;
import uk.crcledger.timeline.Timeline;
import uk.crcledger.timeline.TimelineFilter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The CRC and provider timelines in other formats, chosen by {@code ?format=} (or {@code Accept: text/csv},
 * which {@link CsvAcceptFilter} turns into {@code format=csv}). The filters and {@code asOf} are those of the
 * JSON timeline; without {@code page} or {@code size} an export holds the whole timeline, not one page.
 */
@RestController
@Tag(name = "Exports", description = "The ledger as CSV, TimelineJS, Atom and OCDS")
public class TimelineExports {

    static final List<String> FORMATS = List.of("json", "csv", "timelinejs");

    private final ReadModelAnswers answers;

    public TimelineExports(ReadModelAnswers answers) {
        this.answers = answers;
    }

    @GetMapping(path = "/api/crcs/{crcId}/timeline", params = "format")
    @Operation(summary = "A CRC's timeline as json, csv or timelinejs (the whole timeline unless page or size is given)")
    @ApiResponse(responseCode = "400", description = "An unknown format, or a bad parameter, named in `field`")
    public ResponseEntity<?> crcTimeline(@PathVariable String crcId, @ParameterObject TimelineParameters parameters,
                                         @Parameter(description = "json, csv or timelinejs")
                                         @RequestParam String format) {
        String chosen = format(format);
        Timeline timeline = ReadModelAnswers.found(
                answers.at(parameters.asOf()).crcTimeline(crcId, filter(parameters, chosen)), "No CRC " + crcId);
        return render(chosen, timeline, parameters, "crc-" + crcId, "CRC " + crcId);
    }

    @GetMapping(path = "/api/providers/{providerId}/timeline", params = "format")
    @Operation(summary = "A provider's timeline as json, csv or timelinejs (the whole timeline unless page or size is given)")
    @ApiResponse(responseCode = "400", description = "An unknown format, or a bad parameter, named in `field`")
    public ResponseEntity<?> providerTimeline(@PathVariable String providerId,
                                              @ParameterObject TimelineParameters parameters,
                                              @Parameter(description = "json, csv or timelinejs")
                                              @RequestParam String format) {
        String chosen = format(format);
        Timeline timeline = ReadModelAnswers.found(
                answers.at(parameters.asOf()).providerTimeline(providerId, filter(parameters, chosen)),
                "No provider " + providerId);
        return render(chosen, timeline, parameters, "provider-" + providerId, "provider " + providerId);
    }

    private static String format(String format) {
        if (!FORMATS.contains(format)) {
            throw new BadRequest("format", "format must be one of " + FORMATS + ", was '" + format + "'");
        }
        return format;
    }

    /** The page asked for; for an export without page or size, the whole timeline. */
    private static TimelineFilter filter(TimelineParameters parameters, String format) {
        TimelineFilter filter = parameters.filter();
        if (!"json".equals(format) && parameters.page() == null && parameters.size() == null) {
            return new TimelineFilter(filter.types(), filter.from(), filter.to(), filter.providerId(), 0,
                    Integer.MAX_VALUE);
        }
        return filter;
    }

    private ResponseEntity<?> render(String format, Timeline timeline, TimelineParameters parameters, String fileName,
                                     String title) {
        String stamp = parameters.asOf() == null || parameters.asOf().isBlank() ? ""
                : "-asof-" + parameters.asOf().replaceAll("[^0-9A-Za-z]", "");
        return switch (format) {
            case "csv" -> ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + stamp + ".csv\"")
                    .body(CsvTimeline.render(timeline.items(), permalinkBase()));
            case "timelinejs" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(TimelineJsTimeline.render(timeline.items(), "Timeline of " + title, permalinkBase()));
            default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(ReadModelAnswers.page(timeline,
                            parameters.next(ServletUriComponentsBuilder.fromCurrentRequest())));
        };
    }

    static String permalinkBase() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/entries/").build().toUriString();
    }

}
