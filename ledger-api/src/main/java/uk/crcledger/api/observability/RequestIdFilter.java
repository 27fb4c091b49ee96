package uk.crcledger.api.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives each request an id, in the MDC as {@code requestId} for every log line written while it is
 * handled, and in the response's {@value #HEADER} header. The caller's own {@value #HEADER} is kept
 * when it is sane (1 to 64 letters, digits, {@code . _ : -}); otherwise a random UUID is used, so a
 * caller cannot write arbitrary text into the logs. Runs before security, so refusals carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestId(request.getHeader(HEADER));
        MDC.put(LogContext.REQUEST_ID, requestId);
        response.setHeader(HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(LogContext.REQUEST_ID);
            MDC.remove(LogContext.ENTRY_ID);
        }
    }

    static String requestId(String header) {
        if (header != null && SANE.matcher(header).matches()) {
            return header;
        }
        return UUID.randomUUID().toString();
    }
}
