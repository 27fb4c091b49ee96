package uk.crcledger.api.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page, its assets and the API all carry the page's protective headers: a strict Content-Security-Policy (the
 * app's own scripts and styles only, no framing), nosniff, frame denial and a referrer policy. The browser tests run
 * the page under the same headers, so every feature of it is shown to work with them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.seed=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PageHeadersIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    /** As a browser asks: for anything. */
    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,*/*;q=0.8").build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/app.js", "/app.css", "/verify.html", "/verify-ledger.js",
            "/api/crcs", "/api/entries/no-such-entry"})
    void everyAnswerCarriesThePagesHeaders(String path) throws Exception {
        HttpResponse<String> answer = get(path);

        assertThat(answer.statusCode()).isIn(200, 404);
        String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy.split(";\\s*")).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'");
        // Nothing inline and nothing from elsewhere may run.
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    }

    @org.junit.jupiter.api.Test
    void swaggerUiAloneMayUseInlineStylesButNoOtherScripts() throws Exception {
        String policy = get("/swagger-ui/index.html").headers().firstValue("Content-Security-Policy").orElse("");

        assertThat(policy).contains("style-src 'self' 'unsafe-inline'", "script-src 'self';", "frame-ancestors 'none'");
        assertThat(get("/").headers().allValues("Content-Security-Policy")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/verify.html"})
    void thePagesHoldNoInlineScriptOrStyleThePolicyWouldBlock(String path) throws Exception {
        String page = get(path).body();

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContain("<style", " style=", "onclick=", "onload=", "javascript:");
    }
}
