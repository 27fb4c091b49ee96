package uk.crcledger.api.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import uk.crcledger.api.observability.LedgerMetrics;
import uk.crcledger.api.problem.BadRequest;
import uk.crcledger.api.problem.IdempotencyKeyInProgress;
import uk.crcledger.api.problem.IdempotencyKeyReused;
import uk.crcledger.api.problem.RequestSizeLimit;
import uk.crcledger.api.store.MongoIdempotencyKeys;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Runs a POST under {@code /api} at most once per {@code Idempotency-Key} (per caller): the first request's
 * answer (status, Location, content type and body) is kept and returned to every retry with the same key
 * and the same request (method, path and body bytes); the same key with another request is refused (422).
 * The key is claimed before the work starts, so two retries racing each other cannot both run it (the
 * second gets 409 while the first is in progress). Only a successful (2xx) answer is kept: after a refusal
 * or a failure the key is freed, so the client can correct the request, or retry it, under the same key.
 * Answers are kept by {@link MongoIdempotencyKeys}, keyed by the caller and the key.
 * <p>
 * A filter, so every POST gets it without its handler knowing; it runs after Spring Security's filters
 * (the caller is known, and a refused token claims nothing). The administration POSTs under
 * {@value #NOT_UNDER} are left out: a token's answer holds its secret, which is not to be kept here, and
 * a rebuild or an audit is meant to run each time it is asked for.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class IdempotentRequests extends OncePerRequestFilter {

    /** The request header that names a retryable POST. */
    public static final String HEADER = "Idempotency-Key";
    /** What the header does, for the OpenAPI document of every POST that takes it. */
    public static final String HEADER_DESCRIPTION = "Retrying with the same key and body returns the first answer "
            + "and stores nothing new; the same key with another body is refused (422)";
    private static final String UNDER = "/api/";
    private static final String NOT_UNDER = "/api/admin/";
    private static final int MAX_KEY_LENGTH = 200;
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final MongoIdempotencyKeys keys;
    private final LedgerMetrics metrics;
    private final HandlerExceptionResolver problems;

    public IdempotentRequests(MongoIdempotencyKeys keys, LedgerMetrics metrics,
                              @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.keys = keys;
        this.metrics = metrics;
        this.problems = problems;
    }

    /** Whether a POST to this path (as the OpenAPI document or the request names it) takes the header. */
    public static boolean appliesTo(String path) {
        return path.startsWith(UNDER) && !path.startsWith(NOT_UNDER);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !appliesTo(request.getRequestURI())
                || request.getHeader(HEADER) == null || request.getUserPrincipal() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            refuse(request, response, new BadRequest(HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters"));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (RequestSizeLimit.BodyTooLarge e) {
            throw new ServletException(e); // RequestSizeLimit answers 413 for it
        }
        String id = request.getUserPrincipal().getName() + "\n" + key;
        String fingerprint = fingerprint(request, body);
        // Claim the key, or find the answer of whoever holds it. The holder may give it up (its
        // request failed) between our insert and our read: then try to claim it again.
        while (true) {
            MongoIdempotencyKeys.KeptKey existing = keys.find(id).orElse(null);
            if (existing != null && abandoned(existing)) {
                // Claimed by a process that died before answering: nothing was stored for it.
                keys.freeAbandoned(id, existing.createdAt());
                continue;
            }
            if (existing != null) {
                replay(existing, fingerprint, request, response);
                return;
            }
            if (keys.claim(id, fingerprint, Instant.now())) {
                break;
            }
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new ReadBody(request, body), answer);
        } catch (IOException | ServletException | RuntimeException e) {
            keys.free(id);
            throw e;
        }
        if (answer.getStatus() / 100 == 2) {
            keys.keep(id, fingerprint, answer.getStatus(), answer.getHeader(HttpHeaders.LOCATION),
                    answer.getContentType(), answer.getContentAsByteArray(), Instant.now());
        } else {
            // Nothing was stored (a refusal, or a failure): free the key.
            keys.free(id);
        }
        answer.copyBodyToResponse();
    }

    /** A claim older than any request can run (the process holding it died). */
    private static boolean abandoned(MongoIdempotencyKeys.KeptKey existing) {
        return existing.running() && existing.createdAt().isBefore(Instant.now().minus(ABANDONED_AFTER));
    }

    private void replay(MongoIdempotencyKeys.KeptKey existing, String fingerprint, HttpServletRequest request,
                        HttpServletResponse response) throws ServletException {
        if (!fingerprint.equals(existing.fingerprint())) {
            refuse(request, response, new IdempotencyKeyReused());
            return;
        }
        if (!existing.done()) {
            refuse(request, response, new IdempotencyKeyInProgress());
            return;
        }
        metrics.idempotentReplay();
        response.setStatus(existing.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (existing.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, existing.location());
        }
        if (existing.contentType() != null) {
            response.setContentType(existing.contentType());
        }
        byte[] body = existing.body();
        if (body != null) {
            try {
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            } catch (IOException e) {
                throw new ServletException(e);
            }
        }
    }

    /** Answers as the handlers' own refusals are answered: a problem from {@code ProblemHandling}. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, RuntimeException refusal) {
        if (problems.resolveException(request, response, null, refusal) == null) {
            throw refusal;
        }
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString();
            sha256.update((request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query)
                    + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body, already read for the fingerprint, to read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
