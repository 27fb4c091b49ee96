package uk.crcledger.api.crc;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uk.crcledger.api.export.TimelineResponses;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.readmodel.Page;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.api.readmodel.TimelineParameters;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.CrcId;
import uk.crcledger.timeline.CrcView;
import uk.crcledger.timeline.TimelineItem;

import java.net.URI;
import java.security.Principal;
import java.util.List;

@RestController
@RequestMapping(path = "/api/crcs", produces = {"application/json", "application/problem+json"})
@Tag(name = "CRCs", description = "The Community Rehabilitation Companies and what happened under them")
public class CrcController {

    private final CommandGateway commands;
    private final ReadModelAnswers answers;

    public CrcController(CommandGateway commands, ReadModelAnswers answers) {
        this.commands = commands;
        this.answers = answers;
    }

    @Schema(description = "A CRC to register")
    public record CrcBody(@Schema(description = "Id: lower-case slug", example = "west-yorkshire")
                          @NotBlank @Size(max = 60) String crcId,
                          @Schema(example = "West Yorkshire") @NotBlank @Size(max = 200) String name,
                          @Schema(example = "WY") @Size(max = 20) String abbreviation) {
    }

    @GetMapping
    @Operation(operationId = "listCrcs", summary = "All CRCs with their current holder")
    @ApiResponse(responseCode = "200", description = "Every CRC (registered by then), by id")
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
    public Page<CrcView> crcs(@Parameter(description = "As the ledger knew it at this instant (ISO-8601)")
                              @RequestParam(required = false) String asOf) {
        return Page.of(answers.at(asOf).crcs());
    }

    @GetMapping("/{crcId}")
    @Operation(operationId = "getCrc", summary = "One CRC: name, current holder and contract history with periods")
    @ApiResponse(responseCode = "200", description = "The CRC")
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
    @ApiResponse(responseCode = "404", description = "No such CRC (then)")
    public CrcView crc(@PathVariable String crcId,
                       @Parameter(description = "As the ledger knew it at this instant (ISO-8601)")
                       @RequestParam(required = false) String asOf) {
        return ReadModelAnswers.found(answers.at(asOf).crc(crcId), "No CRC " + crcId);
    }

    @GetMapping("/{crcId}/timeline")
    @Operation(operationId = "crcTimeline", summary = "Everything that concerns a CRC, in the order it happened")
    @Parameter(name = "format", in = ParameterIn.QUERY, description = TimelineResponses.FORMAT_DESCRIPTION,
            schema = @Schema(type = "string", allowableValues = {"json", "csv", "timelinejs"}, defaultValue = "json"))
    @TimelineResponses
    @ApiResponse(responseCode = "404", description = "No such CRC (then)")
    public Page<TimelineItem> timeline(@PathVariable String crcId, @ParameterObject TimelineParameters parameters) {
        var timeline = ReadModelAnswers.found(answers.at(parameters.asOf()).crcTimeline(crcId, parameters.filter()),
                "No CRC " + crcId);
        return ReadModelAnswers.page(timeline, parameters.next(ServletUriComponentsBuilder.fromCurrentRequest()));
    }

    @PostMapping(consumes = "application/json")
    @Operation(operationId = "registerCrc", summary = "Register a CRC", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "201", description = "Registered; Location is the CRC")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid field, named in `field`")
    @ApiResponse(responseCode = "409", description = "Already registered")
    public ResponseEntity<CrcView> register(@Valid @RequestBody CrcBody body, Principal principal) {
        CrcId id = BadRequest.parse("crcId", () -> CrcId.of(body.crcId()));
        commands.sendAndWait(new RegisterCrc(id, body.name(), body.abbreviation()),
                MetaData.with(RecordedBy.METADATA_KEY, principal.getName()));
        var crc = answers.waitFor(q -> q.crc(id.value()));
        return ResponseEntity.created(URI.create("/api/crcs/" + id.value())).body(crc);
    }
}
