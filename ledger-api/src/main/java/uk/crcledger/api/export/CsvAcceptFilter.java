package uk.crcledger.api.export;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Accept: text/csv} on a timeline is {@code ?format=csv}. Done here rather than by a second
 * mapping producing text/csv so that {@code Accept: *}{@code /*} (or none) can never be matched to
 * two handlers: the JSON timeline stays the default, and CSV is chosen only when the client prefers it
 * to JSON.
 */
@Component
public class CsvAcceptFilter extends OncePerRequestFilter {

    private static final Pattern TIMELINE = Pattern.compile("/api/(crcs|providers)/[^/]+/timeline");
    private static final MediaType CSV = new MediaType("text", "csv");

    private static final Pattern FORMAT_PARAMETER = Pattern.compile("(^|&)format(=|&|$)");

    /**
     * Decided from the path, the raw query string and the header alone: reading a parameter here would make
     * the container parse (and maybe refuse) every request's parameters before Spring's problem handling.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String query = request.getQueryString();
        return !"GET".equals(request.getMethod()) || !TIMELINE.matcher(request.getRequestURI()).matches()
                || (query != null && FORMAT_PARAMETER.matcher(query).find())
                || !prefersCsv(request.getHeader("Accept"));
    }

    static boolean prefersCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            double csv = 0;
            double json = 0;
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                    csv = Math.max(csv, type.getQualityValue());
                } else if (!type.isWildcardType() && !type.isWildcardSubtype()
                        && MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
                    json = Math.max(json, type.getQualityValue());
                }
            }
            return csv > 0 && csv >= json;
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException among them
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private Map<String, String[]> fixed;

            private Map<String, String[]> parameters() {
                if (fixed == null) { // parsed only when Spring asks, as without this filter
                    Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
                    parameters.put("format", new String[]{"csv"});
                    fixed = Collections.unmodifiableMap(parameters);
                }
                return fixed;
            }

            @Override
            public String getParameter(String name) {
                String[] values = parameters().get(name);
                return values == null || values.length == 0 ? null : values[0];
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return parameters();
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(parameters().keySet());
            }

            @Override
            public String[] getParameterValues(String name) {
                return parameters().get(name);
            }
        }, response);
    }
}
