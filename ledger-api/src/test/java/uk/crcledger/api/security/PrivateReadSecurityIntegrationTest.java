package uk.crcledger.api.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app with {@code ledger.security.public-read=false} and no configured admin token: the first
 * admin token is generated into {@code <data-dir>/admin.token}, and reading the API needs a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.seed=false", "ledger.admin-token=", "ledger.security.public-read=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PrivateReadSecurityIntegrationTest {

    private static final String PROBE = "/api/security-probe-missing";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    private SecurityHttp http;

    @BeforeEach
    void client() {
        http = new SecurityHttp(port);
    }

    @Test
    void theGeneratedAdminTokenIsInAnOwnerOnlyFileAndWorks() throws IOException {
        Path file = dataDir.resolve(AdminTokenBootstrap.FILE_NAME);
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String admin = Files.readString(file).strip();
        assertThat(admin).matches("[a-z2-7]{12}\\.[A-Za-z0-9_-]{43}");

        HttpResponse<String> list = http.get("/api/admin/tokens", admin);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"role\":\"admin\"").doesNotContain(admin.substring(13));
    }

    @Test
    void readingTheApiNeedsAToken() throws IOException {
        String admin = Files.readString(dataDir.resolve(AdminTokenBootstrap.FILE_NAME)).strip();
        String recorder = http.createToken(admin, "rita", "recorder").get("token").asString();

        HttpResponse<String> anonymous = http.get(PROBE, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(http.send("HEAD", PROBE, null, null).statusCode()).isEqualTo(401);

        // Any role reads; the resource does not exist, so past security the answer is 404.
        assertThat(http.get(PROBE, recorder).statusCode()).isEqualTo(404);
        assertThat(http.get(PROBE, admin).statusCode()).isEqualTo(404);

        // The transparency log is read like the API: its checkpoint, tiles and payloads need a token too.
        for (String log : new String[] {"/tlog/checkpoint", "/tlog/vkey", "/tlog/payloads/1", "/tlog/tile/0/000.p/1"}) {
            assertThat(http.get(log, null).statusCode()).as(log).isEqualTo(401);
        }
        // Past security with a token: an empty ledger has no event at position 1.
        assertThat(http.get("/tlog/payloads/1", recorder).statusCode()).isEqualTo(404);

        // The API docs and everything outside /api and /tlog stay public.
        assertThat(http.get("/v3/api-docs", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/", null).statusCode()).isNotIn(401, 403);
    }

    @Test
    void theWebPageAndItsAssetsLoadWithoutAToken() throws IOException, InterruptedException {
        // As a browser asks for them (the welcome page answers text/html only).
        java.net.http.HttpClient browser = java.net.http.HttpClient.newHttpClient();
        for (String path : new String[] {"/", "/index.html", "/app.js", "/app.css", "/?crc=west-yorkshire", "/verify.html",
                "/verify-ledger.js", "/verify-page.js"}) {
            HttpResponse<String> page = browser.send(java.net.http.HttpRequest
                            .newBuilder(java.net.URI.create("http://localhost:" + port + path))
                            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
                    policy -> assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'"));
            if (path.startsWith("/?") || path.equals("/")) {
                assertThat(page.body()).contains("<script src=\"/app.js\"");
            }
        }
    }
}
