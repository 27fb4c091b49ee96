package uk.crcledger.api.overview;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.timeline.LedgerQueries;
import uk.crcledger.timeline.overview.Overview;

/** The overview of all CRCs: the same answer as JSON (for tables and re-use) and drawn as an SVG chart. */
@RestController
@RequestMapping(path = "/api")
@Tag(name = "Overview", description = "Every CRC at a glance: who held it when, and what happened under them")
public class OverviewController {

    static final String SVG = "image/svg+xml";

    private final ReadModelAnswers answers;

    public OverviewController(ReadModelAnswers answers) {
        this.answers = answers;
    }

    @GetMapping(path = "/overview", produces = {"application/json", "application/problem+json"})
    @Operation(operationId = "overview", summary = "Every CRC's contract periods and the job cuts, inspection "
            + "findings and incidents on them, and the providers compared")
    @ApiResponse(responseCode = "200", description = "The overview")
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant, a type is not one the "
            + "overview marks, or owner is no provider (then); `field` names it")
    public Overview overview(@ParameterObject OverviewParameters parameters) {
        return answer(parameters);
    }

    @GetMapping(path = "/overview.svg", produces = {SVG, "application/problem+json"})
    @Operation(operationId = "overviewChart", summary = "The overview drawn as an SVG chart: a row per CRC across "
            + "2014 to today, contract periods as bars coloured by owner, entries as marks linking to them")
    @ApiResponse(responseCode = "200", description = "The chart",
            content = @Content(mediaType = SVG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "As for the overview")
    public String chart(@ParameterObject OverviewParameters parameters) {
        return OverviewChart.draw(answer(parameters), LedgerClock.today());
    }

    private Overview answer(OverviewParameters parameters) {
        LedgerQueries queries = answers.at(parameters.asOf());
        return Overview.of(queries, parameters.filter(queries));
    }
}
