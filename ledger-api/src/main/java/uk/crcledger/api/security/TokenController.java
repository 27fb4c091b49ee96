package uk.crcledger.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Token management, for admins only ({@link SecurityConfiguration}): make a token (its secret is
 * shown once, in the answer), list them (never a secret or hash), revoke one. Errors are
 * {@code application/problem+json}; invalid input names the field.
 */
@RestController
@RequestMapping(TokenController.PATH)
@Tag(name = "Tokens", description = "API tokens: who may record, edit and administer")
@SecurityRequirement(name = SecurityConfiguration.BEARER_SCHEME)
public class TokenController {

    static final String PATH = "/api/admin/tokens";

    private final ApiTokenStore store;

    public TokenController(ApiTokenStore store) {
        this.store = store;
    }

    @PostMapping
    @Operation(operationId = "makeToken", summary = "Make a token",
            description = "The answer holds the token ('token'); it is shown this once and kept nowhere. "
                    + "The name is what the ledger records as who recorded an entry.")
    @ApiResponse(responseCode = "201", description = "Made; Location is the token's address")
    @ApiResponse(responseCode = "400", description = "Invalid name or role",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid admin token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token is not an admin's",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<IssuedToken> create(@Valid @RequestBody NewToken request) {
        Role role = Role.of(request.role()).orElseThrow(); // the @Pattern admits only the three
        ApiTokenStore.Issued issued = store.create(request.name().strip(), role);
        // Ids are [A-Za-z0-9_-] (TokenCredentials): safe in a path as they are.
        URI location = URI.create(PATH + "/" + issued.token().id());
        return ResponseEntity.created(location).body(IssuedToken.of(issued));
    }

    @GetMapping
    @Operation(operationId = "listTokens", summary = "List the tokens", description = "Revoked ones included, oldest first; no secrets.")
    @ApiResponse(responseCode = "200", description = "The tokens")
    public List<TokenView> list() {
        return store.list().stream().map(TokenView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getToken", summary = "One token", description = "No secret.")
    @ApiResponse(responseCode = "200", description = "The token")
    @ApiResponse(responseCode = "404", description = "No such token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public TokenView get(@Parameter(description = "The token's id, the part before the '.'") @PathVariable String id) {
        return store.find(id).map(TokenView::of).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token",
            description = "It stops working at once and stays listed with revokedAt. Revoking a revoked token "
                    + "changes nothing. The last working admin token cannot be revoked: make another first.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "It is the last working admin token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Void> revoke(@Parameter(description = "The token's id, the part before the '.'")
                                       @PathVariable String id) {
        ApiToken token = store.find(id).orElseThrow(() -> notFound(id));
        if (token.active() && token.role() == Role.ADMIN && store.countActiveAdmins() <= 1) {
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, "Last admin token",
                    "Token " + id + " is the last working admin token; make another admin token before revoking it");
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
        store.revoke(id);
        return ResponseEntity.noContent().build();
    }

    /** Invalid fields: 400 naming the first invalid field (and all of them in {@code errors}). */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException exception) {
        List<FieldError> errors = exception.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField)).toList();
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "The request is invalid");
        if (errors.isEmpty()) {
            return problem;
        }
        FieldError first = errors.get(0);
        problem.setDetail(first.getField() + ": " + first.getDefaultMessage());
        problem.setProperty("field", first.getField());
        problem.setProperty("errors", errors.stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage())).toList());
        return problem;
    }

    /** No body, or not JSON of the right shape. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException exception) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Unreadable request",
                "The body must be JSON: {\"name\": \"...\", \"role\": \"recorder|editor|admin\"}");
    }

    private static ErrorResponseException notFound(String id) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.NOT_FOUND, "Token not found",
                "There is no token " + id);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /**
     * A token to make.
     *
     * @param name who will hold it, as the ledger will name them (1-100 characters)
     * @param role {@code recorder}, {@code editor} or {@code admin}
     */
    public record NewToken(
            @Schema(description = "Who will hold it: what the ledger records as who recorded an entry",
                    example = "alice", maxLength = 100)
            @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters")
            @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = "must not contain control characters")
            String name,
            @Schema(description = "What it may do", allowableValues = {"recorder", "editor", "admin"},
                    example = "recorder")
            @NotNull(message = "must be one of recorder, editor, admin")
            @Pattern(regexp = Role.PATTERN, message = "must be one of recorder, editor, admin")
            String role) {
    }

    /** A stored token, without its secret. */
    public record TokenView(String id, String name, String role, Instant createdAt, Instant revokedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.role() == null ? null : token.role().value(),
                    token.createdAt(), token.revokedAt());
        }
    }

    /** A token just made, with its secret: shown once. */
    public record IssuedToken(String id, String name, String role, Instant createdAt,
                              @Schema(description = "The bearer token, '<id>.<secret>': shown this once")
                              String token) {
        static IssuedToken of(ApiTokenStore.Issued issued) {
            ApiToken token = issued.token();
            return new IssuedToken(token.id(), token.name(), token.role().value(), token.createdAt(), issued.bearer());
        }

        @Override
        public String toString() {
            return "IssuedToken[id=" + id + ", name=" + name + ", role=" + role + ", token=***]";
        }
    }

    /** One invalid field. */
    public record FieldProblem(String field, String message) {
    }
}
