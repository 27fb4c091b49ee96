package uk.crcledger.api.tlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import uk.crcledger.timeline.LedgerEntry;
import uk.crcledger.timeline.Revision;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.api.security.SecurityConfiguration;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.withholding.PayloadWithholding;
import uk.crcledger.withholding.WithholdPayload;

import java.net.URI;
import java.security.Principal;
import java.util.List;

/**
 * Withholding the payload of one of an entry's revisions (for example under a court order), by an
 * admin. The withholding is itself an event of the ledger; from then on {@code GET
 * /tlog/payloads/{position}} answers 451 with the payload's SHA-256, which its leaf keeps, so every
 * proof still verifies. The entry's views mark the revision; they do not hide its content.
 */
@RestController
@RequestMapping(path = "/api", produces = {"application/json", "application/problem+json"})
@Tag(name = "Transparency log")
public class PayloadWithholdingController {

    private final CommandGateway commands;
    private final ReadModelAnswers answers;
    private final WithheldPayloads withheld;

    public PayloadWithholdingController(CommandGateway commands, ReadModelAnswers answers,
                                        WithheldPayloads withheld) {
        this.commands = commands;
        this.answers = answers;
        this.withheld = withheld;
    }

    @Schema(description = "Withhold the payload of one revision of the entry")
    public record Withholding(
            @Schema(description = "The ledger position of the revision whose payload is withheld (its "
                    + "`ledgerPosition` in the entry's revisions)", example = "42") @NotNull @Min(1) Long position,
            @Schema(description = "Why, as the public may read it", example = "Anonymity order: names a member of staff")
            @NotBlank @Size(max = PayloadWithholding.MAX_REASON) String reason,
            @Schema(description = "The authority relied on, e.g. a court order's reference (optional)",
                    example = "QB-2026-000123") @Size(max = PayloadWithholding.MAX_REFERENCE) String reference) {
    }

    @Schema(description = "A withholding as recorded")
    public record WithholdingRecorded(String entryId,
                                      @Schema(description = "The position whose payload is withheld") long position,
                                      String reason, @Schema(nullable = true) String reference, String withheldBy,
                                      @Schema(description = "The withholding's own ledger position") long ledgerPosition,
                                      @Schema(description = "The payload's address, now 451") String payload,
                                      @Schema(description = "The entry's address") String entry) {
    }

    @PostMapping(path = "/entries/{entryId}/withholdings", consumes = "application/json")
    @Operation(summary = "Withhold the payload of one of an entry's revisions (admin): the event stays in the log, "
            + "its payload is no longer served", security = @SecurityRequirement(name = SecurityConfiguration.BEARER_SCHEME))
    @ApiResponse(responseCode = "201", description = "Withheld: Location is the payload's address (now 451); the body "
            + "gives the withholding's own ledger position",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WithholdingRecorded.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a missing or too long field, or a position that is "
            + "not one of the entry's revisions (named in `field`)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No token, or an unknown or revoked one",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token is not an admin's",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "That payload is already withheld, or the same Idempotency-Key "
            + "is in progress",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body larger than the limit (64 KiB by default)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "A ledger rule refuses it (the message says which), or an "
            + "Idempotency-Key reused with another body",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Object> withhold(@PathVariable String entryId, @Valid @RequestBody Withholding body,
                                           Principal principal) {
        EntryId id = BadRequest.parse("entryId", () -> EntryId.of(entryId));
        long position = body.position();
        LedgerEntry entry = answers.readModel().live().entry(entryId)
                .orElseThrow(() -> new NotFound("No entry " + entryId));
        List<Long> revisions = entry.revisions().stream().map(Revision::ledgerPosition).toList();
        if (!revisions.contains(position)) {
            throw new BadRequest("position", "position " + position + " is not one of entry " + entryId
                    + "'s revisions, which are at " + revisions);
        }
            // Withholding a withheld position again is refused by the aggregate (409).
            commands.sendAndWait(new WithholdPayload(id, position, body.reason(), body.reference()),
                    MetaData.with(RecordedBy.METADATA_KEY, principal.getName()));
            long withholding = withheld.withholdingPosition(position).orElseThrow(() ->
                    new IllegalStateException("the withholding of position " + position + " is not stored"));
            awaitMarked(entryId, position);
            WithholdingRecorded answer = new WithholdingRecorded(entryId, position, body.reason().strip(),
                    body.reference() == null || body.reference().isBlank() ? null : body.reference().strip(),
                    principal.getName(), withholding, "/tlog/payloads/" + position, "/api/entries/" + entryId);
            return ResponseEntity.created(URI.create("/tlog/payloads/" + position)).body(answer);
    }

    /**
     * Read your writes: the entry's view marks the revision before the answer leaves (the payload
     * itself is withheld from the moment the event is stored). A read model that has not followed
     * within the bounded wait does not fail the withholding, which is stored.
     */
    private void awaitMarked(String entryId, long position) {
        try {
            answers.waitFor(q -> q.entry(entryId).filter(e -> e.withheldPositions().contains(position)));
        } catch (IllegalStateException e) {
            // stored; the view follows
        }
    }
}
