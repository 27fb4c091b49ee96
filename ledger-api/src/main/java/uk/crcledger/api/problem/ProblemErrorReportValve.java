package uk.crcledger.api.problem;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report as problem+json instead of its HTML page. Tomcat answers some requests itself,
 * before Spring sees them: a path with an encoded NUL, slash or backslash, bad percent-encoding or
 * invalid UTF-8, a query with characters HTTP does not allow, headers too large. Like the valve it
 * replaces, it writes only when nothing else has (the application's own errors are already problems),
 * and never the exception or Tomcat's message: the detail is fixed per status, so nothing of the
 * refused input or the server is echoed.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is already broken: no one would read the report
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the response was taken over meanwhile: nothing more to say.
        }
    }

    static Map<String, Object> problem(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error " + status : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail(status));
        return problem;
    }

    private static String detail(int status) {
        if (status == 400) {
            return "The server could not read the request: its path, query or headers are malformed or too large "
                    + "(for example an encoded NUL or slash, invalid percent-encoding or UTF-8)";
        }
        if (status < 500) {
            return "The server refused the request before the ledger read it";
        }
        return "The server could not answer";
    }
}
