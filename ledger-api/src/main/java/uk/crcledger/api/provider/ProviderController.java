package uk.crcledger.api.provider;

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
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.timeline.ProviderSummary;
import uk.crcledger.timeline.ProviderView;
import uk.crcledger.timeline.TimelineItem;
import uk.crcledger.provider.RegisterProvider;
import uk.crcledger.register.ProviderId;

import java.net.URI;
import java.security.Principal;
import java.util.List;

@RestController
@RequestMapping(path = "/api/providers", produces = {"application/json", "application/problem+json"})
@Tag(name = "Providers", description = "The companies and consortia that owned CRCs")
public class ProviderController {

    private final CommandGateway commands;
    private final ReadModelAnswers answers;

    public ProviderController(CommandGateway commands, ReadModelAnswers answers) {
        this.commands = commands;
        this.answers = answers;
    }

    @Schema(description = "A provider to register")
    public record ProviderBody(@Schema(example = "purple-futures") @NotBlank @Size(max = 60) String providerId,
                               @Schema(example = "Purple Futures") @NotBlank @Size(max = 200) String name,
                               @Schema(example = "private-led consortium") @Size(max = 200) String kind,
                               @Schema(description = "Consortium members") @Size(max = 50)
                               List<@NotBlank @Size(max = 200) String> members) {
    }

    @GetMapping
    @Operation(operationId = "listProviders", summary = "All providers")
    @ApiResponse(responseCode = "200", description = "Every provider (registered by then), by id")
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
    public Page<ProviderView> providers(@Parameter(description = "As the ledger knew it at this instant (ISO-8601)")
                                        @RequestParam(required = false) String asOf) {
        return Page.of(answers.at(asOf).providers());
    }

    @GetMapping("/{providerId}")
    @Operation(operationId = "getProvider", summary = "One provider: CRCs held now and before, posts cut, findings by rating")
    @ApiResponse(responseCode = "200", description = "The provider's summary")
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
    @ApiResponse(responseCode = "404", description = "No such provider (then)")
    public ProviderSummary provider(@PathVariable String providerId,
                                    @Parameter(description = "As the ledger knew it at this instant (ISO-8601)")
                                    @RequestParam(required = false) String asOf) {
        return ReadModelAnswers.found(answers.at(asOf).provider(providerId), "No provider " + providerId);
    }

    @GetMapping("/{providerId}/timeline")
    @Operation(operationId = "providerTimeline",
            summary = "Everything that concerns a provider, across the CRCs it held, in the order it happened")
    @Parameter(name = "format", in = ParameterIn.QUERY, description = TimelineResponses.FORMAT_DESCRIPTION,
            schema = @Schema(type = "string", allowableValues = {"json", "csv", "timelinejs"}, defaultValue = "json"))
    @TimelineResponses
    @ApiResponse(responseCode = "404", description = "No such provider (then)")
    public Page<TimelineItem> timeline(@PathVariable String providerId,
                                        @ParameterObject TimelineParameters parameters) {
        var timeline = ReadModelAnswers.found(answers.at(parameters.asOf())
                .providerTimeline(providerId, parameters.filter()), "No provider " + providerId);
        return ReadModelAnswers.page(timeline, parameters.next(ServletUriComponentsBuilder.fromCurrentRequest()));
    }

    @PostMapping(consumes = "application/json")
    @Operation(operationId = "registerProvider", summary = "Register a provider",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "201", description = "Registered; Location is the provider")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid field, named in `field`")
    @ApiResponse(responseCode = "409", description = "Already registered")
    public ResponseEntity<ProviderSummary> register(@Valid @RequestBody ProviderBody body, Principal principal) {
        ProviderId id = BadRequest.parse("providerId", () -> ProviderId.of(body.providerId()));
        commands.sendAndWait(new RegisterProvider(id, body.name(), body.kind(),
                        body.members() == null ? List.of() : body.members()),
                MetaData.with(RecordedBy.METADATA_KEY, principal.getName()));
        var provider = answers.waitFor(q -> q.provider(id.value()));
        return ResponseEntity.created(URI.create("/api/providers/" + id.value()))
                .body(provider);
    }
}
