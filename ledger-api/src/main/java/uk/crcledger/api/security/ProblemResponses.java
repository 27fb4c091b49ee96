package uk.crcledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of the security filters, before any controller runs: RFC 9457 problems
 * ({@code application/problem+json}) with {@code type} {@code about:blank}, a title, the status, a
 * detail saying what to do, and the request's path as {@code instance}.
 */
public final class ProblemResponses {

    /** RFC 9457's type for a problem that its status and title say enough about. */
    static final URI ABOUT_BLANK = URI.create("about:blank");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    /**
     * 401 for a missing, malformed, unknown or revoked token, with {@code WWW-Authenticate: Bearer}
     * (with RFC 6750's {@code error="invalid_request"} for a malformed header and
     * {@code error="invalid_token"} for an unknown or revoked token).
     */
    public static AuthenticationEntryPoint authenticationEntryPoint() {
        return (request, response, exception) -> {
            String detail = "This request needs a token: send 'Authorization: Bearer <token>'";
            String challenge = "Bearer realm=\"crc-ledger\"";
            if (exception instanceof InvalidBearerTokenException invalid) {
                detail = invalid.getMessage();
                challenge += ", error=\"" + invalid.errorCode() + "\", error_description=\""
                        + detail.replace("\"", "'") + "\"";
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
            write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required", detail);
        };
    }

    /** 403 for a token whose role does not allow the request. */
    public static AccessDeniedHandler accessDeniedHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) ->
                write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                        "The token's role does not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    /** Writes a problem unless the response is already committed. */
    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                      String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = problem(status, title, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(toMap(problem)));
        response.flushBuffer();
    }

    /** A problem with {@code type} {@code about:blank} spelled out (Spring leaves it null, meaning the same). */
    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ABOUT_BLANK);
        problem.setTitle(title);
        return problem;
    }

    /** The problem's members in RFC 9457's order, extension members last. */
    static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType() == null ? ABOUT_BLANK.toString() : problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        members.put("instance", problem.getInstance() == null ? null : problem.getInstance().toString());
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }
}
