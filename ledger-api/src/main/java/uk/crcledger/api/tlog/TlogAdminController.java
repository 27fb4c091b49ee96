package uk.crcledger.api.tlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.security.SecurityConfiguration;
import uk.crcledger.eventstore.tlog.LogAudit;

/** The whole-ledger audit on demand (admin): every stored event re-checked against the log. */
@RestController
@RequestMapping(path = "/api/admin/tlog", produces = {"application/json", "application/problem+json"})
@Tag(name = "Administration")
public class TlogAdminController {

    private final LogAudit audit;

    public TlogAdminController(LogAudit audit) {
        this.audit = audit;
    }

    @Schema(description = "What an audit checked and the first problem it found, if any")
    public record AuditReport(long from, long to, long checked, boolean intact,
                              @Schema(nullable = true) Long problemPosition,
                              @Schema(nullable = true) String problem) {
    }

    @PostMapping("/audit")
    @Operation(summary = "Re-check every integrated event against its leaf and the tree now; a problem found "
            + "turns the tlog health component DOWN and stops checkpoint signing",
            security = @SecurityRequirement(name = SecurityConfiguration.BEARER_SCHEME))
    @ApiResponse(responseCode = "200", description = "The audit's report (intact or the first problem)")
    public AuditReport audit() {
        LogAudit.Result result = audit.checkAll();
        return new AuditReport(result.from(), result.to(), result.checked(), result.problem().isEmpty(),
                result.problem().map(p -> p.position()).orElse(null),
                result.problem().map(p -> p.problem()).orElse(null));
    }
}
