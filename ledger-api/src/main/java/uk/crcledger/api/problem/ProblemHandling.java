package uk.crcledger.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.LedgerRuleException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error as RFC 9457 problem+json. What a client sent wrong is a 4xx naming the field; a
 * broken domain rule is 422 with the rule's own message; a concurrent change 409; anything else is
 * a 500 that says nothing about the inside (it is logged here instead).
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), request, Map.of("field", e.field()));
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request, Map.of());
    }

    @ExceptionHandler(AlreadyRecordedException.class)
    ProblemDetail alreadyRecorded(AlreadyRecordedException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Already recorded", e.getMessage(), request, Map.of());
    }

    @ExceptionHandler(LedgerRuleException.class)
    ProblemDetail ruleBroken(LedgerRuleException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "The ledger's rules refuse this", e.getMessage(), request,
                Map.of("rule", e.getClass().getSimpleName()));
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail conflict(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Changed concurrently",
                "Another change to the same record was stored first; read it again and retry", request, Map.of());
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail keyReused(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", e.getMessage(), request,
                Map.of("field", "Idempotency-Key"));
    }

    @ExceptionHandler(IdempotencyKeyInProgress.class)
    ProblemDetail keyInProgress(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Request in progress", e.getMessage(), request,
                Map.of("field", "Idempotency-Key"));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof LedgerRuleException rule) {
            return rule instanceof AlreadyRecordedException already ? alreadyRecorded(already, request)
                    : ruleBroken(rule, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(NotNow.class)
    ProblemDetail notNow(NotNow e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Not possible now", e.getMessage(), request, Map.of());
    }

    @ExceptionHandler(PayloadWithheld.class)
    ProblemDetail payloadWithheld(PayloadWithheld e, HttpServletRequest request) {
        return problem(HttpStatus.UNAVAILABLE_FOR_LEGAL_REASONS, "Payload withheld", e.getMessage(), request,
                Map.of("position", e.position(), "payloadSha256", e.payloadSha256(), "reason", e.reason()));
    }

    @ExceptionHandler(uk.crcledger.timeline.ReadModelUnavailableException.class)
    ResponseEntity<ProblemDetail> readModelUnavailable(uk.crcledger.timeline.ReadModelUnavailableException e,
                                                       HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Not possible now", e.getMessage(), request, Map.of()));
    }

    @ExceptionHandler(uk.crcledger.eventstore.tlog.LogReader.LogInconsistentException.class)
    ProblemDetail logInconsistent(uk.crcledger.eventstore.tlog.LogReader.LogInconsistentException e,
                                  HttpServletRequest request) {
        log.error("The transparency log contradicts itself at position {}: {}", e.position(), e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The log failed its own check",
                "The stored log does not verify at ledger position " + e.position() + ": " + e.getMessage()
                        + ". No proof is served; the operator has been alerted (the tlog health component is DOWN).",
                request, Map.of("position", e.position()));
    }

    @ExceptionHandler({org.springframework.web.multipart.MultipartException.class,
            org.apache.tomcat.util.http.InvalidParameterException.class})
    ProblemDetail unreadableRequest(Exception e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable request",
                "The request's parameters or body could not be read (malformed encoding or multipart)", request,
                Map.of());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The ledger could not answer; the failure is logged", request, Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                e.getName() + ": cannot read '" + e.getValue() + "'", request, Map.of("field", e.getName()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        FieldError first = e.getBindingResult().getFieldError();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                first == null ? "Invalid request body" : first.getField() + ": " + first.getDefaultMessage());
        body.setTitle("Invalid request");
        if (first != null) {
            body.setProperty("field", first.getField());
        }
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.BodyTooLarge tooLarge) {
                ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        tooLarge.getMessage());
                body.setTitle("Request body too large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(body);
            }
        }
        log.debug("Unreadable request body", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, readableReason(e));
        body.setTitle("Unreadable request body");
        String field = JsonPaths.fieldOf(e);
        if (field != null) {
            body.setProperty("field", field);
        }
        return ResponseEntity.badRequest().body(body);
    }

    private static String readableReason(HttpMessageNotReadableException e) {
        String field = JsonPaths.fieldOf(e);
        if (e.getCause() instanceof BadRequest bad) {
            return bad.getMessage();
        }
        if (field != null) {
            return field + ": wrong type or malformed value";
        }
        return "The body is not valid JSON of the expected shape";
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request,
                                 Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        properties.forEach(problem::setProperty);
        return problem;
    }
}
