package uk.crcledger.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.api.problem.NotNow;
import uk.crcledger.api.readmodel.ReadModelMaintenance;
import uk.crcledger.timeline.LedgerReadModel;

import java.util.List;

@RestController
@RequestMapping(path = "/api/admin/projections", produces = {"application/json", "application/problem+json"})
@Tag(name = "Administration", description = "Read model projections and their rebuilds (admin)")
public class ProjectionAdminController {

    private final ReadModelMaintenance maintenance;

    public ProjectionAdminController(ReadModelMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    /** The projections, in a list as the API's other lists are. */
    public record Projections(List<LedgerReadModel.Status> items) {
    }

    @GetMapping
    @Operation(operationId = "listProjections",
            summary = "Each projection: active version, whether a rebuild runs, how far it is",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The projections")
    public Projections projections() {
        return new Projections(List.of(maintenance.status()));
    }

    @PostMapping("/{name}/rebuild")
    @Operation(operationId = "rebuildProjection", summary = "Rebuild a projection from the first event; queries keep answering from the current "
            + "version until the new one has caught up. With several instances, this one carries the rebuild out: the "
            + "others stop processing and give their segments back, and share them again after the switch",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "202", description = "Rebuild asked for (state rebuilding; the new version is named once "
            + "the other instances have let go of their segments); follow it at GET /api/admin/projections")
    @ApiResponse(responseCode = "404", description = "No projection of that name")
    @ApiResponse(responseCode = "409", description = "A rebuild is already asked for or running (problem details)")
    public ResponseEntity<LedgerReadModel.Status> rebuild(@PathVariable String name) {
        if (!LedgerReadModel.PROCESSOR.equals(name)) {
            throw new NotFound("No projection " + name + "; there is " + LedgerReadModel.PROCESSOR);
        }
        try {
            return ResponseEntity.accepted().body(maintenance.rebuild());
        } catch (IllegalStateException e) {
            throw new NotNow(e.getMessage());
        }
    }
}
