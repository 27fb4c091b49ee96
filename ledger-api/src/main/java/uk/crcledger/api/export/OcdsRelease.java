package uk.crcledger.api.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * The parts of the Open Contracting Data Standard 1.1 that {@link OcdsReleases} writes, in the standard's own names
 * and order; an absent value is left out, as the standard's schema wants (it allows no nulls in most places).
 */
public final class OcdsRelease {

    private OcdsRelease() {
    }

    @Schema(name = "OcdsReleasePackage", description = "An OCDS 1.1 release package")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReleasePackage(@Schema(description = "This package's address") String uri,
                                 @Schema(example = "1.1") String version,
                                 @Schema(format = "date-time") String publishedDate,
                                 Publisher publisher, List<Release> releases) {
    }

    @Schema(name = "OcdsPublisher")
    public record Publisher(String name) {
    }

    @Schema(name = "OcdsRelease", description = "One revision of a contract award or end, as an OCDS release")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Release(@Schema(description = "The contracting process: ocds-crcledger-<crcId>-<awardEntryId>")
                          String ocid,
                          @Schema(description = "<entryId>-<revision>") String id,
                          @Schema(format = "date-time", description = "When the ledger recorded this revision")
                          String date,
                          @Schema(example = "[\"award\", \"contract\"]") List<String> tag,
                          @Schema(example = "tender") String initiationType,
                          @Schema(example = "en") String language,
                          List<Party> parties, OrganizationReference buyer, List<Award> awards,
                          List<Contract> contracts) {
    }

    @Schema(name = "OcdsParty")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(String id, String name, @Schema(example = "[\"supplier\"]") List<String> roles) {
    }

    @Schema(name = "OcdsOrganizationReference")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationReference(String id, String name) {
    }

    @Schema(name = "OcdsAward")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Award(String id, @Schema(example = "active") String status,
                        @Schema(format = "date-time") String date, String description,
                        List<OrganizationReference> suppliers, Value value, Period contractPeriod) {
    }

    @Schema(name = "OcdsContract")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contract(String id, String awardID, @Schema(example = "terminated") String status, Period period,
                           @Schema(format = "date-time") String dateSigned, Value value,
                           List<Amendment> amendments) {
    }

    @Schema(name = "OcdsValue")
    public record Value(@Schema(example = "600000000") BigDecimal amount,
                        @Schema(example = "GBP") String currency) {
    }

    @Schema(name = "OcdsPeriod")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(@Schema(format = "date-time") String startDate,
                         @Schema(format = "date-time") String endDate) {
    }

    @Schema(name = "OcdsAmendment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Amendment(String id, @Schema(format = "date-time") String date, String rationale,
                            String description) {
    }
}
