package uk.crcledger.api.problem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.TestDirectories;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat refuses before Spring sees the request is problem+json too ({@link ProblemErrorReportValve}).
 * Sent over a raw socket: HTTP clients refuse to send most of these paths.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerRefusalsIntegrationTest {

    private static final Path dataDir = TestDirectories.temporary("ledger-container-refusals-test");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, "admin.container-refusals-secret-0123456789");
    }

    @LocalServerPort
    int port;

    record RawAnswer(int status, String head, String body) {
        String contentType() {
            return head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip()).findFirst().orElse(null);
        }
    }

    @Test
    void anEncodedNulInAnEntryIdIsA400Problem() throws IOException {
        expectProblem(get("/api/entries/%00", Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tlog/tile/0/%00", "/api/crcs/%zz", "/api/crcs/%FF/timeline", "/api/providers/%2F",
            "/api/entries/%5C", "/api/crcs/west-yorkshire/timeline?from[$gt]="})
    void otherPathsAndQueriesTomcatRefusesAre400Problems(String target) throws IOException {
        expectProblem(get(target, Map.of()));
    }

    @Test
    void headersTooLargeAreA400Problem() throws IOException {
        expectProblem(get("/api/crcs", Map.of("X-Padding", "k".repeat(9000))));
    }

    private static void expectProblem(RawAnswer answer) {
        assertThat(answer.status()).as(answer.head() + answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = JSON.readValue(answer.body(), Map.class);
        assertThat(problem).containsEntry("status", 400).containsEntry("title", "Bad Request")
                .containsKeys("type", "detail");
        assertThat(answer.body()).doesNotContain("<html", "Exception", "Tomcat", "at org.");
    }

    /** One HTTP/1.1 GET, the target sent byte for byte, the connection closed after the answer. */
    private RawAnswer get(String target, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: application/json\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, split);
            String body = raw.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new RawAnswer(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size); // the bodies here are ASCII
            at = lineEnd + 2 + size + 2;
        }
    }
}
