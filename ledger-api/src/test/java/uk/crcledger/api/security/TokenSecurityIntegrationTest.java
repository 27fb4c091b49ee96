package uk.crcledger.api.security;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import uk.crcledger.api.store.MongoApiTokens;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens over HTTP, the app on a random port with the embedded store and a configured admin
 * token: making, listing and revoking tokens, 401 and 403 as problems, role nesting, public reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.seed=false", "ledger.admin-token=" + TokenSecurityIntegrationTest.ADMIN})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TokenSecurityIntegrationTest {

    static final String ADMIN = "test-admin.secret-1234567890";
    private static final String TOKENS = "/api/admin/tokens";
    private static final String PROBLEM_JSON = "application/problem+json";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ledgerDatabase")
    MongoDatabase database;

    private SecurityHttp http;

    @BeforeEach
    void client() {
        http = new SecurityHttp(port);
    }

    @Test
    void configuredAdminTokenIsStoredHashedAndNoFileIsWritten() {
        Document admin = tokens().stream().filter(doc -> "test-admin".equals(doc.getString("_id"))).findFirst()
                .orElseThrow();
        assertThat(admin.getString("name")).isEqualTo("admin");
        assertThat(admin.getString("role")).isEqualTo("admin");
        assertThat(admin.getString("secretHash")).isEqualTo(TokenCredentials.hash("secret-1234567890"));
        assertThat(admin.toJson()).doesNotContain("secret-1234567890");
        assertThat(Files.exists(dataDir.resolve(AdminTokenBootstrap.FILE_NAME))).isFalse();
    }

    @Test
    void adminMakesTokensWhoseSecretIsShownOnceAndStoredOnlyAsAHash() {
        HttpResponse<String> created = http.post(TOKENS, ADMIN, "{\"name\": \"alice\", \"role\": \"recorder\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = SecurityHttp.json(created);
        String id = body.get("id").asString();
        String token = body.get("token").asString();
        assertThat(created.headers().firstValue("Location")).hasValue(TOKENS + "/" + id);
        assertThat(body.get("name").asString()).isEqualTo("alice");
        assertThat(body.get("role").asString()).isEqualTo("recorder");
        assertThat(body.get("createdAt").asString()).isNotBlank();
        assertThat(id).matches("[a-z2-7]{12}");
        assertThat(token).startsWith(id + ".");
        String secret = token.substring(id.length() + 1);
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");

        HttpResponse<String> list = http.get(TOKENS, ADMIN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("secretHash")
                .doesNotContain("\"token\"");
        JsonNode listed = null;
        for (JsonNode item : SecurityHttp.json(list)) {
            if (item.get("id").asString().equals(id)) {
                listed = item;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("name").asString()).isEqualTo("alice");
        assertThat(listed.get("role").asString()).isEqualTo("recorder");
        assertThat(listed.get("createdAt").asString()).isEqualTo(body.get("createdAt").asString());
        assertThat(listed.get("revokedAt").isNull()).isTrue();

        HttpResponse<String> one = http.get(TOKENS + "/" + id, ADMIN);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(secret);

        Document stored = database.getCollection(MongoApiTokens.COLLECTION).find(new Document("_id", id)).first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("secretHash")).isEqualTo(TokenCredentials.hash(secret)).hasSize(64);
        assertThat(stored.toJson()).doesNotContain(secret);
    }

    @Test
    void noTokenIs401ProblemWithAChallengeAndStoresNothing() {
        int before = tokens().size();

        HttpResponse<String> answer = http.post(TOKENS, null, "{\"name\": \"mallory\", \"role\": \"admin\"}");

        assertProblem(answer, 401, TOKENS);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(tokens()).hasSize(before);
        assertThat(http.get(TOKENS, null).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownOrMalformedTokensAre401Problems() {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String unknown : List.of("Bearer test-admin.wrong-secret-123456", "Bearer nosuchid.secret",
                "Bearer no-dot-at-all", "Bearer " + ADMIN + "x", "bearer " + ADMIN.toUpperCase())) {
            errors.put(unknown, "invalid_token");
        }
        for (String malformed : List.of("Bearer", "Bearer   ", "Bearer a b", "Basic dXNlcjpwYXNz", "Bearertoken")) {
            errors.put(malformed, "invalid_request");
        }
        errors.forEach((authorization, error) -> {
            HttpResponse<String> answer = http.send("GET", TOKENS, authorization, null);
            assertProblem(answer, 401, TOKENS);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(authorization)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer")
                            .contains("error=\"" + error + "\""));
            assertThat(answer.body()).doesNotContain("wrong-secret");
        });
        // A bad token is refused even where no token is needed: the client should know it is wrong.
        assertThat(http.send("GET", "/api/security-probe-missing", "Bearer nosuchid.secret", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRoleTooLowIs403ProblemAndStoresNothing() {
        String recorder = http.createToken(ADMIN, "rita", "recorder").get("token").asString();
        String editor = http.createToken(ADMIN, "eddie", "editor").get("token").asString();
        int before = tokens().size();

        for (String token : List.of(recorder, editor)) {
            HttpResponse<String> answer = http.post(TOKENS, token, "{\"name\": \"mallory\", \"role\": \"admin\"}");
            assertProblem(answer, 403, TOKENS);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertProblem(http.get(TOKENS, token), 403, TOKENS);
        }
        assertThat(tokens()).hasSize(before);
    }

    @Test
    void rolesNestAndEachWriteNeedsItsRole() {
        String recorder = http.createToken(ADMIN, "rita", "recorder").get("token").asString();
        String editor = http.createToken(ADMIN, "eddie", "editor").get("token").asString();
        String editorOnly = "/api/entries/some-entry/corrections";
        String retraction = "/api/entries/some-entry/retraction";
        String recording = "/api/inspection-findings";

        // The bodies are empty objects: whatever the endpoints answer (400, 404...), it is past security.
        for (String path : List.of("/api/crcs", "/api/providers", editorOnly, retraction)) {
            assertProblem(http.post(path, recorder, "{}"), 403, path);
            assertThat(http.post(path, editor, "{}").statusCode()).as(path).isNotIn(401, 403);
            assertThat(http.post(path, ADMIN, "{}").statusCode()).as(path).isNotIn(401, 403);
            assertProblem(http.post(path, null, "{}"), 401, path);
        }
        for (String path : List.of("/api/contract-awards", "/api/contract-ends", "/api/contract-term-changes",
                "/api/job-cut-announcements", recording)) {
            assertThat(http.post(path, recorder, "{}").statusCode()).as(path).isNotIn(401, 403);
            assertThat(http.post(path, editor, "{}").statusCode()).as(path).isNotIn(401, 403);
            assertProblem(http.post(path, null, "{}"), 401, path);
        }
    }

    @Test
    void aRevokedTokenIs401AtOnce() {
        JsonNode bob = http.createToken(ADMIN, "bob", "admin");
        String id = bob.get("id").asString();
        String token = bob.get("token").asString();
        assertThat(http.get(TOKENS, token).statusCode()).isEqualTo(200);

        assertThat(http.delete(TOKENS + "/" + id, ADMIN).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = http.get(TOKENS, token);
        assertProblem(refused, 401, TOKENS);
        assertThat(SecurityHttp.json(refused).get("detail").asString()).contains("revoked");
        assertThat(http.delete(TOKENS + "/" + id, ADMIN).statusCode()).isEqualTo(204);
        JsonNode listed = SecurityHttp.json(http.get(TOKENS + "/" + id, ADMIN));
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        Document stored = database.getCollection(MongoApiTokens.COLLECTION).find(new Document("_id", id)).first();
        assertThat(stored.getDate("revokedAt")).isNotNull();
    }

    @Test
    void revokingAnUnknownTokenIs404AndTheLastAdminTokenCannotBeRevoked() {
        assertProblem(http.delete(TOKENS + "/no-such-token", ADMIN), 404, TOKENS + "/no-such-token");

        // Other admin tokens may exist (other tests); revoke them all but the configured one.
        for (JsonNode token : SecurityHttp.json(http.get(TOKENS, ADMIN))) {
            if (token.get("role").asString().equals("admin") && token.get("revokedAt").isNull()
                    && !token.get("id").asString().equals("test-admin")) {
                assertThat(http.delete(TOKENS + "/" + token.get("id").asString(), ADMIN).statusCode()).isEqualTo(204);
            }
        }
        assertProblem(http.delete(TOKENS + "/test-admin", ADMIN), 409, TOKENS + "/test-admin");
        assertThat(http.get(TOKENS, ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void invalidBodiesAre400ProblemsNamingTheField() {
        int before = tokens().size();
        record Case(String body, String field) {
        }
        for (Case bad : List.of(
                new Case("{\"name\": \"\", \"role\": \"recorder\"}", "name"),
                new Case("{\"name\": \"   \", \"role\": \"recorder\"}", "name"),
                new Case("{\"role\": \"recorder\"}", "name"),
                new Case("{\"name\": \"" + "x".repeat(101) + "\", \"role\": \"recorder\"}", "name"),
                new Case("{\"name\": \"alice\", \"role\": \"superuser\"}", "role"),
                new Case("{\"name\": \"alice\", \"role\": \"Admin\"}", "role"),
                new Case("{\"name\": \"alice\"}", "role"))) {
            HttpResponse<String> answer = http.post(TOKENS, ADMIN, bad.body());
            assertProblem(answer, 400, TOKENS);
            JsonNode problem = SecurityHttp.json(answer);
            assertThat(problem.get("field").asString()).as(bad.body()).isEqualTo(bad.field());
            assertThat(problem.get("detail").asString()).startsWith(bad.field() + ":");
        }
        assertProblem(http.post(TOKENS, ADMIN, "{not json"), 400, TOKENS);
        assertThat(http.post(TOKENS, ADMIN, "{\"name\": \"" + "x".repeat(100) + "\", \"role\": \"editor\"}")
                .statusCode()).isEqualTo(201);
        assertThat(tokens()).hasSize(before + 1);
    }

    @Test
    void readingIsPublicByDefault() {
        // No such resource: the answer is the app's 404, not a 401.
        assertThat(http.get("/api/security-probe-missing", null).statusCode()).isEqualTo(404);
        assertThat(http.send("HEAD", "/api/security-probe-missing", null, null).statusCode()).isEqualTo(404);
        HttpResponse<String> docs = http.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode bearer = SecurityHttp.json(docs).path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(docs.body()).contains(TOKENS);
    }

    @Test
    void writesToUnknownApiPathsNeedATokenFirst() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertProblem(http.send(method, "/api/security-probe-missing", null, "{}"), 401,
                    "/api/security-probe-missing");
        }
        String recorder = http.createToken(ADMIN, "rita", "recorder").get("token").asString();
        assertThat(http.post("/api/security-probe-missing", recorder, "{}").statusCode()).isNotIn(401, 403);
        // Outside /api nothing needs a token.
        assertThat(http.get("/", null).statusCode()).isNotIn(401, 403);
    }

    @Test
    void theRecordedNameIsTheTokensName() {
        String recorder = http.createToken(ADMIN, "Rita Recorder", "recorder").get("token").asString();
        ApiTokenAuthentication authentication = (ApiTokenAuthentication) new ApiTokenAuthenticationProvider(
                new ApiTokenStore(new MongoApiTokens(database))).authenticate(ApiTokenAuthentication.unauthenticated(recorder));
        assertThat(authentication.getName()).isEqualTo("Rita Recorder");
        assertThat(authentication.getPrincipal().role()).isEqualTo(Role.RECORDER);
        assertThat(authentication.getCredentials()).isNull();
        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_RECORDER");

        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            assertThat(CurrentUser.name()).isEqualTo("Rita Recorder");
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(CurrentUser.principal()).isEmpty();
    }

    private List<Document> tokens() {
        return database.getCollection(MongoApiTokens.COLLECTION).find().into(new ArrayList<>());
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String instance) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = SecurityHttp.json(answer);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).isEqualTo(instance);
    }
}
