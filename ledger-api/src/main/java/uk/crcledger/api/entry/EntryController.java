package uk.crcledger.api.entry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.timeline.LedgerEntry;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;

/**
 * Entries over HTTP. Recording sends the domain's command with who recorded it (the token's name)
 * and answers 201 with the entry as the read model shows it; reading answers an entry with every
 * revision (its permalink).
 */
@RestController
@RequestMapping(path = "/api", produces = {"application/json", "application/problem+json"})
@Tag(name = "Entries", description = "Record, read, correct and retract what happened")
public class EntryController {

    private final CommandGateway commands;
    private final ReadModelAnswers answers;

    public EntryController(CommandGateway commands, ReadModelAnswers answers) {
        this.commands = commands;
        this.answers = answers;
    }

    @GetMapping("/entries/{entryId}")
    @Operation(operationId = "getEntry", summary = "One entry with every revision (its permalink)")
    @ApiResponse(responseCode = "200", description = "The entry, its current facts and every revision")
    @ApiResponse(responseCode = "404", description = "No such entry (then)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
    public LedgerEntry entry(@PathVariable String entryId,
                             @Parameter(description = "As the ledger knew it at this instant (ISO-8601)")
                             @RequestParam(required = false) String asOf) {
        return ReadModelAnswers.found(answers.at(asOf).entry(entryId), "No entry " + entryId);
    }

    @PostMapping(path = "/contract-awards", consumes = "application/json")
    @Operation(operationId = "recordContractAward", summary = "Record a contract award", security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> award(@Valid @RequestBody EntryBodies.ContractAward body, Principal principal) {
        return record(principal, body);
    }

    @PostMapping(path = "/contract-ends", consumes = "application/json")
    @Operation(operationId = "recordContractEnd", summary = "Record the end of a contract (expired, terminated early or transferred)",
            security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> end(@Valid @RequestBody EntryBodies.ContractEnd body, Principal principal) {
        return record(principal, body);
    }

    @PostMapping(path = "/contract-term-changes", consumes = "application/json")
    @Operation(operationId = "recordContractTermChange", summary = "Record a change of contracts' planned end", security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> termChange(@Valid @RequestBody EntryBodies.ContractTermChange body,
                                             Principal principal) {
        return record(principal, body);
    }

    @PostMapping(path = "/job-cut-announcements", consumes = "application/json")
    @Operation(operationId = "recordJobCutAnnouncement", summary = "Record a job-cut announcement", security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> jobCuts(@Valid @RequestBody EntryBodies.JobCuts body, Principal principal) {
        return record(principal, body);
    }

    @PostMapping(path = "/inspection-findings", consumes = "application/json")
    @Operation(operationId = "recordInspectionFinding", summary = "Record an inspectorate finding", security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> finding(@Valid @RequestBody EntryBodies.InspectionFinding body, Principal principal) {
        return record(principal, body);
    }

    @PostMapping(path = "/incident-reports", consumes = "application/json")
    @Operation(operationId = "recordIncidentReport", summary = "Record an incident report",
            security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> incident(@Valid @RequestBody EntryBodies.IncidentReport body, Principal principal) {
        return record(principal, body);
    }

    @PostMapping(path = "/entries/{entryId}/corrections", consumes = "application/json")
    @Operation(operationId = "correctEntry", summary = "Correct an entry: the earlier version stays in its revisions",
            security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> correct(@PathVariable String entryId,
                                          @Valid @RequestBody EntryBodies.Correction body, Principal principal) {
        Numbers.requireReasonable("changes", body.changes());
        return revise(principal, entryId,
                new CorrectEntry(existing(entryId), body.changes(), body.reason()));
    }

    @PostMapping(path = "/entries/{entryId}/retraction", consumes = "application/json")
    @Operation(operationId = "retractEntry", summary = "Retract an entry: it stays visible, marked retracted",
            security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> retract(@PathVariable String entryId,
                                          @Valid @RequestBody EntryBodies.Retraction body, Principal principal) {
        return revise(principal, entryId, new RetractEntry(existing(entryId), body.reason()));
    }

    private ResponseEntity<LedgerEntry> record(Principal principal, Record body) {
        EntryId id = EntryCommands.newId(body);
        commands.sendAndWait(EntryCommands.command(id, body), recordedBy(principal));
        URI permalink = URI.create("/api/entries/" + id.value());
        return shown(ResponseEntity.created(permalink), permalink, answers.entryAfterWrite(id.value(), 1));
    }

    private ResponseEntity<LedgerEntry> revise(Principal principal, String entryId, Object command) {
        int revisions = answers.readModel().live().entry(entryId).map(e -> e.revisions().size()).orElse(0);
        commands.sendAndWait(command, recordedBy(principal));
        URI permalink = URI.create("/api/entries/" + entryId);
        return shown(ResponseEntity.ok().location(permalink), permalink, answers.entryAfterWrite(entryId, revisions + 1));
    }

    /**
     * The entry as the read model shows it after the write; 202 with its permalink when the read
     * model has not shown it within the wait (the write is stored; the view follows).
     */
    private static ResponseEntity<LedgerEntry> shown(ResponseEntity.BodyBuilder answer, URI permalink,
                                                Optional<LedgerEntry> entry) {
        return entry.<ResponseEntity<LedgerEntry>>map(answer::body)
                .orElseGet(() -> ResponseEntity.accepted().location(permalink).build());
    }

    private EntryId existing(String entryId) {
        EntryId id = BadRequest.parse("entryId", () -> EntryId.of(entryId));
        if (answers.readModel().live().entry(entryId).isEmpty()) {
            throw new NotFound("No entry " + entryId);
        }
        return id;
    }

    private static MetaData recordedBy(Principal principal) {
        return MetaData.with(RecordedBy.METADATA_KEY, principal.getName());
    }
}
