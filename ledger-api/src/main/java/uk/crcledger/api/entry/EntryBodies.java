package uk.crcledger.api.entry;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The request bodies that record entries. Required fields are checked here (400); the ledger's
 * rules (who held what when, dates not in the future, ...) are checked by the domain (422).
 */
public final class EntryBodies {

    private EntryBodies() {
    }

    @Schema(description = "A contract award: a provider takes a CRC")
    public record ContractAward(
            @Schema(description = "CRC id", example = "west-yorkshire") @NotBlank @Size(max = 60) String crcId,
            @Schema(description = "Provider id", example = "purple-futures") @NotBlank @Size(max = 60) String providerId,
            @Schema(description = "Date signed", example = "2014-12-18") @NotNull LocalDate signedOn,
            @Schema(description = "Date the provider takes over", example = "2015-02-01") @NotNull LocalDate startsOn,
            @Schema(description = "Planned end", example = "2022-01-31") @NotNull LocalDate plannedEndOn,
            @Schema(description = "Value in GBP, if known", example = "600000000") @DecimalMin("0") BigDecimal valueGbp,
            @Schema(description = "Free text: figures, context") @Size(max = 4000) String description,
            @Schema(description = "At least one source") @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceBody> sources) {
    }

    @Schema(description = "A contract's end: expired, terminated early, or transferred to another provider")
    public record ContractEnd(
            @Schema(example = "ddc") @NotBlank @Size(max = 60) String crcId,
            @Schema(example = "2019-02-15") @NotNull LocalDate endedOn,
            @Schema(description = "expired, terminated-early or transferred", example = "transferred") @NotBlank
            String reason,
            @Schema(description = "Who takes over, for a transfer", example = "seetec") @Size(max = 60)
            String successorProviderId,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceBody> sources) {
    }

    @Schema(description = "A change of contracts' planned end")
    public record ContractTermChange(
            @Schema(description = "The CRCs whose contracts change") @NotEmpty @Size(max = 100)
            List<@NotBlank String> crcIds,
            @Schema(example = "2018-07-27") @NotNull LocalDate announcedOn,
            @Schema(example = "2020-12-31") @NotNull LocalDate newPlannedEndOn,
            @Schema(example = "All CRC contracts end 14 months early") @NotBlank @Size(max = 4000) String reason,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceBody> sources) {
    }

    @Schema(description = "A CRC named in a job-cut announcement, with its posts if given")
    public record AffectedCrc(
            @Schema(example = "south-yorkshire") @NotBlank @Size(max = 60) String crcId,
            @Schema(description = "Posts cut in this CRC (at least 1)", example = "184.6") BigDecimal posts,
            @Schema(description = "Share of staff cut in this CRC, (0, 100]", example = "36") BigDecimal percentage) {
    }

    @Schema(description = "A job-cut announcement: posts and/or a percentage, for one or more CRCs")
    public record JobCuts(
            @Schema(example = "sodexo-nacro") @NotBlank @Size(max = 60) String providerId,
            @Schema(example = "2015-03-27") @NotNull LocalDate announcedOn,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull AffectedCrc> crcs,
            @Schema(description = "Total posts cut (at least 1)", example = "307.6") BigDecimal totalPosts,
            @Schema(description = "Share of staff cut, (0, 100]", example = "30") BigDecimal percentage,
            @Schema(description = "What was announced", example = "Sodexo announces staff reductions in two of its CRCs")
            @NotBlank @Size(max = 4000) String description,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceBody> sources) {
    }

    @Schema(description = "An inspectorate finding, about named CRCs or thematic")
    public record InspectionFinding(
            @Schema(description = "Defaults to HM Inspectorate of Probation") @Size(max = 200) String inspectorate,
            @Schema(example = "Inspection of Dorset, Devon and Cornwall CRC") @NotBlank @Size(max = 500) String title,
            @Schema(example = "2019-02-15") @NotNull LocalDate publishedOn,
            @Schema(description = "CRCs covered; empty for a thematic report") @Size(max = 100)
            List<@NotBlank String> crcIds,
            @Schema(description = "A thematic report (default false)") Boolean thematic,
            @Schema(description = "outstanding, good, requires-improvement, inadequate or none", example = "inadequate")
            String rating,
            @Schema(description = "What the inspectorate found") @Size(max = 20000) String findings,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceBody> sources) {
    }

    @Schema(description = "A figure an incident report gives")
    public record IncidentFigure(
            @Schema(example = "clients not attending") @NotBlank @Size(max = 200) String measure,
            @Schema(description = "At least 0", example = "120") @NotNull @DecimalMin("0") BigDecimal value) {
    }

    @Schema(description = "An incident report: a CRC's failure to manage risk, enforce, staff or run its IT")
    public record IncidentReport(
            @Schema(description = "The CRCs where it happened", example = "[\"bgsw\"]") @NotEmpty @Size(max = 100)
            List<@NotBlank String> crcIds,
            @Schema(example = "2016-01-20") @NotNull LocalDate occurredOn,
            @Schema(description = "risk-management, unpaid-work, enforcement, staffing, it or other",
                    example = "risk-management") @NotBlank String category,
            @Schema(description = "The incident in one line", example = "a self-harm case in Bristol") @NotBlank
            @Size(max = 500) String summary,
            @Schema(description = "What else the source says") @Size(max = 20000) String description,
            @Schema(description = "Figures the source gives") @Size(max = 20)
            List<@Valid @NotNull IncidentFigure> figures,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceBody> sources) {
    }

    @Schema(description = "A correction: the fields that change and why")
    public record Correction(
            @Schema(description = "Field name to new value, with the names of the type's request body",
                    example = "{\"totalPosts\": 120}") @NotEmpty @Size(max = 20) Map<String, Object> changes,
            @Schema(example = "Figure confirmed by Napo") @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(description = "A retraction: why the entry should not stand")
    public record Retraction(@Schema(example = "Recorded twice") @NotBlank @Size(max = 2000) String reason) {
    }
}
