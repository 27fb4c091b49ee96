package uk.crcledger.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Caps request bodies ({@code ledger.api.max-body-bytes}, 64 KiB by default: an entry with its
 * sources is a few KiB; a file sent to {@value #IMPORTS} has its own cap, {@code ledger.imports.max-file-bytes},
 * 20 MiB by default). A declared length over the cap is refused at once with 413; a body that
 * streams past it (chunked) fails when read, and is refused the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimit extends OncePerRequestFilter {

    static final String IMPORTS = "/api/imports";

    private final long bodyBytes;
    private final long importBytes;

    public RequestSizeLimit(@Value("${ledger.api.max-body-bytes:65536}") long bodyBytes,
                            @Value("${ledger.imports.max-file-bytes:20971520}") long importBytes) {
        this.bodyBytes = bodyBytes;
        this.importBytes = importBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = IMPORTS.equals(request.getRequestURI()) ? importBytes : bodyBytes;
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response, maxBytes);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.contains("*")) {
            // A wildcard is no content type; Spring would fail reading the header, not refuse it.
            problem(request, response, 415, "Unsupported content type",
                    "Content-Type may not be a wildcard; send application/json");
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | RuntimeException e) {
            if (limited.exceeded && !response.isCommitted()) {
                response.reset();
                tooLarge(request, response, maxBytes);
                return;
            }
            throw e;
        }
        if (limited.exceeded && !response.isCommitted()) {
            response.reset();
            tooLarge(request, response, maxBytes);
        }
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long maxBytes)
            throws IOException {
        problem(request, response, 413, "Request body too large", "The body may hold at most " + maxBytes + " bytes");
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
                                String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\""
                + request.getRequestURI().replaceAll("[\"\\\\\\p{Cntrl}]", "") + "\"}");
    }

    /** Thrown by the capped body stream; the problem handler answers 413 for it. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long max) {
            super("Request body larger than " + max + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long max;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(long n) throws IOException {
                        read += n;
                        if (read > max) {
                            exceeded = true;
                            throw new BodyTooLarge(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
