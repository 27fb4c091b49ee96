package uk.crcledger.api.entry;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ProblemDetail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The answers every recording endpoint can give, for the OpenAPI document. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "201", description = "Recorded: Location is the entry's permalink; the body is the entry")
@ApiResponse(responseCode = "200", description = "Revised (corrections, retraction): the entry with its new revision")
@ApiResponse(responseCode = "202", description = "Stored, but the read model has not shown it within the wait: "
        + "Location is the entry's permalink, no body", content = @Content)
@ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong type or a missing field (named in `field`)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No token, or an unknown or revoked one",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "The token's role may not do this",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such entry (corrections, retraction)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "409", description = "Already recorded, changed concurrently, or the same Idempotency-Key in progress",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "413", description = "Body larger than the limit (64 KiB by default)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "422", description = "A ledger rule refuses it (the message says which), or an Idempotency-Key reused with another body",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
public @interface StandardWriteResponses {
}
