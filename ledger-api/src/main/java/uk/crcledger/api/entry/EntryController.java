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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.contract.RecordContractTermChange;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.JsonNames;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.incident.IncidentCategory;
import uk.crcledger.incident.IncidentFigure;
import uk.crcledger.incident.RecordIncidentReport;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.inspection.RecordInspectionFinding;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;
import uk.crcledger.timeline.LedgerEntry;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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
        return record(principal, "award", body.signedOn(), id ->
                new RecordContractAward(id, crc("crcId", body.crcId()), provider("providerId", body.providerId()),
                        body.signedOn(), body.startsOn(), body.plannedEndOn(), Numbers.reasonable("valueGbp", body.valueGbp()),
                        body.description(),
                        sources(body.sources())));
    }

    @PostMapping(path = "/contract-ends", consumes = "application/json")
    @Operation(operationId = "recordContractEnd", summary = "Record the end of a contract (expired, terminated early or transferred)",
            security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> end(@Valid @RequestBody EntryBodies.ContractEnd body, Principal principal) {
        return record(principal, "end", body.endedOn(), id ->
                new RecordContractEnd(id, crc("crcId", body.crcId()), body.endedOn(),
                        named("reason", body.reason(), ContractEndReason.values()),
                        body.successorProviderId() == null ? null
                                : provider("successorProviderId", body.successorProviderId()),
                        sources(body.sources())));
    }

    @PostMapping(path = "/contract-term-changes", consumes = "application/json")
    @Operation(operationId = "recordContractTermChange", summary = "Record a change of contracts' planned end", security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> termChange(@Valid @RequestBody EntryBodies.ContractTermChange body,
                                             Principal principal) {
        return record(principal, "term-change", body.announcedOn(), id ->
                new RecordContractTermChange(id, crcs("crcIds", body.crcIds()), body.announcedOn(),
                        body.newPlannedEndOn(), body.reason(), sources(body.sources())));
    }

    @PostMapping(path = "/job-cut-announcements", consumes = "application/json")
    @Operation(operationId = "recordJobCutAnnouncement", summary = "Record a job-cut announcement", security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> jobCuts(@Valid @RequestBody EntryBodies.JobCuts body, Principal principal) {
        return record(principal, "job-cuts", body.announcedOn(), id -> {
            List<AffectedCrc> affected = new ArrayList<>();
            for (int i = 0; i < body.crcs().size(); i++) {
                EntryBodies.AffectedCrc crc = body.crcs().get(i);
                String field = "crcs[" + i + "]";
                affected.add(new AffectedCrc(crc(field + ".crcId", crc.crcId()),
                        crc.posts() == null ? null : BadRequest.parse(field + ".posts",
                                () -> Posts.of(Numbers.reasonable(field + ".posts", crc.posts()))),
                        crc.percentage() == null ? null
                                : BadRequest.parse(field + ".percentage",
                                () -> Percentage.of(Numbers.reasonable(field + ".percentage", crc.percentage())))));
            }
            return new RecordJobCutAnnouncement(id, provider("providerId", body.providerId()), body.announcedOn(),
                    affected,
                    body.totalPosts() == null ? null : BadRequest.parse("totalPosts",
                            () -> Posts.of(Numbers.reasonable("totalPosts", body.totalPosts()))),
                    body.percentage() == null ? null
                            : BadRequest.parse("percentage",
                            () -> Percentage.of(Numbers.reasonable("percentage", body.percentage()))),
                    body.description(), sources(body.sources()));
        });
    }

    @PostMapping(path = "/inspection-findings", consumes = "application/json")
    @Operation(operationId = "recordInspectionFinding", summary = "Record an inspectorate finding", security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> finding(@Valid @RequestBody EntryBodies.InspectionFinding body, Principal principal) {
        return record(principal, "finding", body.publishedOn(), id ->
                new RecordInspectionFinding(id, body.inspectorate(), body.title(), body.publishedOn(),
                        crcs("crcIds", body.crcIds() == null ? List.of() : body.crcIds()),
                        Boolean.TRUE.equals(body.thematic()),
                        body.rating() == null ? InspectionRating.NONE
                                : named("rating", body.rating(), InspectionRating.values()),
                        body.findings(), sources(body.sources())));
    }

    @PostMapping(path = "/incident-reports", consumes = "application/json")
    @Operation(operationId = "recordIncidentReport", summary = "Record an incident report",
            security = @SecurityRequirement(name = "bearer"))
    @StandardWriteResponses
    public ResponseEntity<LedgerEntry> incident(@Valid @RequestBody EntryBodies.IncidentReport body, Principal principal) {
        return record(principal, "incident", body.occurredOn(), id -> {
            List<IncidentFigure> figures = new ArrayList<>();
            List<EntryBodies.IncidentFigure> given = body.figures() == null ? List.of() : body.figures();
            for (int i = 0; i < given.size(); i++) {
                EntryBodies.IncidentFigure figure = given.get(i);
                String field = "figures[" + i + "]";
                figures.add(BadRequest.parse(field, () -> new IncidentFigure(figure.measure(),
                        Numbers.reasonable(field + ".value", figure.value()))));
            }
            return new RecordIncidentReport(id, crcs("crcIds", body.crcIds()), body.occurredOn(),
                    named("category", body.category(), IncidentCategory.values()), body.summary(),
                    body.description(), figures, sources(body.sources()));
        });
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

    private ResponseEntity<LedgerEntry> record(Principal principal, String kind, LocalDate date,
                                          Function<EntryId, Object> command) {
        // The date only makes the id readable; a year past 9999 prints as "+10000", which an id
        // may not hold (and the ledger refuses such a date anyway).
        String day = date == null ? "undated" : date.toString().replaceAll("[^0-9-]", "");
        EntryId id = EntryId.of(kind + "-" + day + "-" + UUID.randomUUID().toString().substring(0, 8));
        commands.sendAndWait(command.apply(id), recordedBy(principal));
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

    static CrcId crc(String field, String value) {
        return BadRequest.parse(field, () -> CrcId.of(value));
    }

    static ProviderId provider(String field, String value) {
        return BadRequest.parse(field, () -> ProviderId.of(value));
    }

    private static List<CrcId> crcs(String field, List<String> values) {
        List<CrcId> ids = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ids.add(crc(field + "[" + i + "]", values.get(i)));
        }
        return ids;
    }

    private static List<Source> sources(List<SourceBody> bodies) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            sources.add(bodies.get(i).toSource(i));
        }
        return sources;
    }

    private static <E extends Enum<E>> E named(String field, String value, E[] values) {
        for (E candidate : values) {
            if (JsonNames.of(candidate).equals(value)) {
                return candidate;
            }
        }
        throw new BadRequest(field, field + " must be one of "
                + Arrays.stream(values).map(JsonNames::of).toList() + ", was '" + value + "'");
    }
}
