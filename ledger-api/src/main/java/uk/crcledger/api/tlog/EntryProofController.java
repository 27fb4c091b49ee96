package uk.crcledger.api.tlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.crcledger.timeline.LedgerEntry;
import uk.crcledger.timeline.Revision;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.api.readmodel.ReadModelAnswers;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.eventstore.tlog.LogState;
import uk.crcledger.tlog.proof.TlogProof;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Proof that an entry is in the log: each of its events (the recording, every correction, a
 * retraction) as a leaf with its inclusion proof in the latest signed checkpoint. Each proof is
 * verified here before it is served; a reader checks it again without trusting this server.
 */
@RestController
@RequestMapping("/api/entries")
@Tag(name = "Transparency log")
public class EntryProofController {

    private final LogReader log;
    private final ReadModelAnswers answers;
    private final TlogProperties properties;

    public EntryProofController(LogReader log, ReadModelAnswers answers, TlogProperties properties) {
        this.log = log;
        this.answers = answers;
        this.properties = properties;
    }

    @Schema(description = "One event of the entry as a leaf of the log, with its inclusion proof")
    public record ProvenLeaf(@Schema(description = "leaf index: ledger position - 1") long index,
                             long position,
                             @Schema(description = "base64 of the leaf's bytes (RFC 8785 canonical JSON)") String leaf,
                             @Schema(description = "base64 hashes, RFC 9162 inclusion proof") List<String> proof) {
    }

    @Schema(description = "An entry's leaves and their inclusion proofs in one signed checkpoint")
    public record EntryProof(@Schema(description = "the signed checkpoint (signed note) the proofs lead to") String checkpoint,
                             List<ProvenLeaf> leaves) {
    }

    @GetMapping(value = "/{entryId}/proof", produces = {"application/json", "text/plain"})
    @Operation(summary = "Inclusion proofs of every event of an entry in the latest signed checkpoint; "
            + "format=tlog-proof gives the first leaf's proof as a c2sp.org/tlog-proof file")
    @ApiResponse(responseCode = "200", description = "The proofs (JSON), or a tlog-proof file (text/plain)",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = EntryProof.class)),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Unknown format")
    @ApiResponse(responseCode = "404", description = "No entry with that id")
    @ApiResponse(responseCode = "409", description = "The entry's latest event is not in a signed checkpoint yet; "
            + "retry after the checkpoint interval (Retry-After)")
    public ResponseEntity<?> proof(@PathVariable String entryId,
                                   @Parameter(description = "json (default) or tlog-proof")
                                   @RequestParam(required = false) String format) {
        boolean tlogProof = "tlog-proof".equals(format);
        if (format != null && !tlogProof && !"json".equals(format)) {
            throw new BadRequest("format", "format must be json or tlog-proof, not '" + format + "'");
        }
        LedgerEntry entry = ReadModelAnswers.found(answers.readModel().live().entry(entryId), "entry " + entryId);
        List<Long> positions = entry.revisions().stream().map(Revision::ledgerPosition).toList();
        java.util.Optional<LogState.SignedCheckpoint> covering = log.latest()
                .filter(c -> positions.stream().allMatch(p -> p <= c.size()));
        if (covering.isEmpty()) {
            // Not an error of the caller's: the next checkpoint is due within the interval.
            long retryAfter = Math.max(1, (long) Math.ceil(properties.checkpointInterval().toMillis() / 1000.0));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Entry " + entryId
                    + " is recorded but not yet in a signed checkpoint; one is signed within " + retryAfter + " s");
            problem.setTitle("Not possible now");
            problem.setInstance(java.net.URI.create("/api/entries/" + entryId + "/proof"));
            return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", String.valueOf(retryAfter))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        LogState.SignedCheckpoint checkpoint = covering.get();
        List<StoredEvent> events = log.events(positions);
        if (events.size() != positions.size()) {
            throw new NotFound("The log holds no event at some of entry " + entryId + "'s positions " + positions);
        }
        List<ProvenLeaf> leaves = new ArrayList<>();
        for (StoredEvent event : events) {
            long index = event.position() - 1;
            List<byte[]> proof = log.inclusionProof(event.leafBytes(), index, checkpoint);
            leaves.add(new ProvenLeaf(index, event.position(), Base64.getEncoder().encodeToString(event.leafBytes()),
                    TlogController.base64(proof)));
        }
        if (tlogProof) {
            ProvenLeaf first = leaves.get(0);
            String file = new TlogProof(first.index(),
                    first.proof().stream().map(Base64.getDecoder()::decode).toList(), checkpoint.note(), null).encoded();
            return ResponseEntity.ok().contentType(TlogController.TEXT)
                    .header("Content-Disposition", "attachment; filename=\"" + entryId + ".tlog-proof\"")
                    .cacheControl(CacheControl.noCache()).body(file);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(new EntryProof(checkpoint.note(), leaves));
    }
}
