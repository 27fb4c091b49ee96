package uk.crcledger.api.security;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;
import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.api.store.MongoApiTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write endpoint of the app (each mapping that accepts POST, PUT, PATCH or DELETE, read from
 * Spring's handler mappings, so a new one cannot be forgotten) refuses a request without a token,
 * with a revoked or unknown token (401) and with a token whose role is too low (403), each as a
 * problem, and nothing is stored: not an event, a token, a revocation, an idempotency key or a
 * rebuild. Each request is one the endpoint accepts from the right role (checked at the end), so the
 * refusal is due to the token alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WriteEndpointsAuthIntegrationTest {

    private static final String ADMIN = "auth-admin.secret-write-endpoints-0123456789";
    private static final Set<RequestMethod> WRITES = EnumSet.of(RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);
    private static final String SOURCES = "\"sources\":[{\"title\":\"Napo newsletter\",\"documentReference\":\"NL-1\"}]";

    private static final Path dataDir = TestDirectories.temporary("ledger-auth-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("ledgerDatabase")
    MongoDatabase database;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private SecurityHttp http;
    private final Map<Role, String> tokens = new LinkedHashMap<>();
    private String revokedAdmin;
    private String correctedEntry;
    private String retractedEntry;
    private String withheldEntry;
    private long withheldPosition;
    private String tokenToRevoke;

    /** A write endpoint: its mapping, the least role that may call it, and a request it accepts from that role. */
    private record Endpoint(String method, String pattern, Role role, String path, String body) {
        String key() {
            return method + " " + pattern;
        }
    }

    @BeforeAll
    void aLedgerWithTargets() {
        http = new SecurityHttp(port);
        tokens.put(Role.RECORDER, http.createToken(ADMIN, "rita", "recorder").get("token").asString());
        tokens.put(Role.EDITOR, http.createToken(ADMIN, "eddie", "editor").get("token").asString());
        tokens.put(Role.ADMIN, ADMIN);
        JsonNode revoked = http.createToken(ADMIN, "former admin", "admin");
        revokedAdmin = revoked.get("token").asString();
        assertThat(http.delete("/api/admin/tokens/" + revoked.get("id").asString(), ADMIN).statusCode())
                .isEqualTo(204);
        tokenToRevoke = http.createToken(ADMIN, "to be revoked", "recorder").get("id").asString();

        created(http.post("/api/crcs", ADMIN, "{\"crcId\":\"auth-north\",\"name\":\"North\"}"));
        created(http.post("/api/crcs", ADMIN, "{\"crcId\":\"auth-south\",\"name\":\"South\"}"));
        created(http.post("/api/providers", ADMIN, "{\"providerId\":\"auth-provider\",\"name\":\"Provider\"}"));
        created(http.post("/api/providers", ADMIN, "{\"providerId\":\"auth-successor\",\"name\":\"Successor\"}"));
        for (String crc : List.of("auth-north", "auth-south")) {
            created(http.post("/api/contract-awards", ADMIN, "{\"crcId\":\"" + crc + "\",\"providerId\":\"auth-provider\","
                    + "\"signedOn\":\"2014-12-18\",\"startsOn\":\"2015-02-01\",\"plannedEndOn\":\"2022-01-31\"," + SOURCES
                    + "}"));
        }
        correctedEntry = created(http.post("/api/job-cut-announcements", ADMIN, jobCut("to correct"))).get("entryId")
                .asString();
        retractedEntry = created(http.post("/api/job-cut-announcements", ADMIN, jobCut("to retract"))).get("entryId")
                .asString();
        JsonNode toWithhold = created(http.post("/api/job-cut-announcements", ADMIN, jobCut("to withhold")));
        withheldEntry = toWithhold.get("entryId").asString();
        withheldPosition = toWithhold.get("ledgerPosition").asLong();
    }

    private static String jobCut(String description) {
        return "{\"providerId\":\"auth-provider\",\"announcedOn\":\"2016-01-20\",\"crcs\":[{\"crcId\":\"auth-north\"}],"
                + "\"totalPosts\":40,\"description\":\"" + description + "\"," + SOURCES + "}";
    }

    /** The request each write endpoint gets; a new endpoint fails the test until it is added here. */
    private List<Endpoint> writeEndpoints() {
        return List.of(
                new Endpoint("POST", "/api/crcs", Role.EDITOR, "/api/crcs",
                        "{\"crcId\":\"auth-east\",\"name\":\"East\"}"),
                new Endpoint("POST", "/api/providers", Role.EDITOR, "/api/providers",
                        "{\"providerId\":\"auth-other\",\"name\":\"Other\"}"),
                new Endpoint("POST", "/api/contract-awards", Role.RECORDER, "/api/contract-awards",
                        "{\"crcId\":\"auth-east\",\"providerId\":\"auth-provider\",\"signedOn\":\"2014-12-18\","
                                + "\"startsOn\":\"2015-02-01\",\"plannedEndOn\":\"2022-01-31\"," + SOURCES + "}"),
                new Endpoint("POST", "/api/contract-term-changes", Role.RECORDER, "/api/contract-term-changes",
                        "{\"crcIds\":[\"auth-north\",\"auth-south\"],\"announcedOn\":\"2018-07-27\","
                                + "\"newPlannedEndOn\":\"2020-12-31\",\"reason\":\"ended early\"," + SOURCES + "}"),
                new Endpoint("POST", "/api/contract-ends", Role.RECORDER, "/api/contract-ends",
                        "{\"crcId\":\"auth-south\",\"endedOn\":\"2019-02-15\",\"reason\":\"transferred\","
                                + "\"successorProviderId\":\"auth-successor\"," + SOURCES + "}"),
                new Endpoint("POST", "/api/job-cut-announcements", Role.RECORDER, "/api/job-cut-announcements",
                        jobCut("another cut")),
                new Endpoint("POST", "/api/inspection-findings", Role.RECORDER, "/api/inspection-findings",
                        "{\"title\":\"Inspection of North\",\"publishedOn\":\"2019-02-15\",\"crcIds\":[\"auth-north\"],"
                                + "\"rating\":\"inadequate\",\"findings\":\"f\"," + SOURCES + "}"),
                new Endpoint("POST", "/api/incident-reports", Role.RECORDER, "/api/incident-reports",
                        "{\"crcIds\":[\"auth-north\"],\"occurredOn\":\"2016-01-20\",\"category\":\"unpaid-work\","
                                + "\"summary\":\"clients not attending\"," + SOURCES + "}"),
                new Endpoint("POST", "/api/imports", Role.RECORDER, "/api/imports",
                        "type,crcIds,occurredOn,category,summary,sources.title,sources.documentReference\r\n"
                                + "incident-report,auth-north,2016-01-21,staffing,imported,Napo blog,ref 1\r\n"),
                new Endpoint("POST", "/api/entries/{entryId}/corrections", Role.EDITOR,
                        "/api/entries/" + correctedEntry + "/corrections",
                        "{\"changes\":{\"totalPosts\":45},\"reason\":\"confirmed\"}"),
                new Endpoint("POST", "/api/entries/{entryId}/retraction", Role.EDITOR,
                        "/api/entries/" + retractedEntry + "/retraction", "{\"reason\":\"recorded twice\"}"),
                new Endpoint("POST", "/api/entries/{entryId}/withholdings", Role.ADMIN,
                        "/api/entries/" + withheldEntry + "/withholdings",
                        "{\"position\":" + withheldPosition + ",\"reason\":\"court order\"}"),
                new Endpoint("POST", "/api/admin/tokens", Role.ADMIN, "/api/admin/tokens",
                        "{\"name\":\"mallory\",\"role\":\"admin\"}"),
                new Endpoint("DELETE", "/api/admin/tokens/{id}", Role.ADMIN, "/api/admin/tokens/" + tokenToRevoke, null),
                new Endpoint("POST", "/api/admin/projections/{name}/rebuild", Role.ADMIN,
                        "/api/admin/projections/ledger-timelines/rebuild", null),
                new Endpoint("POST", "/api/admin/tlog/audit", Role.ADMIN, "/api/admin/tlog/audit", null),
                new Endpoint("POST", "/api/admin/search-index/rebuild", Role.ADMIN, "/api/admin/search-index/rebuild",
                        null));
    }

    @Test
    void everyWriteEndpointRefusesMissingRevokedAndUnknownTokensAndRolesTooLowAndStoresNothing() {
        List<Endpoint> endpoints = writeEndpoints();
        Set<String> mapped = mappedWriteEndpoints();
        assertThat(endpoints.stream().map(Endpoint::key).toList())
                .as("the write endpoints the app maps (add a new one to writeEndpoints() with a valid request)")
                .containsExactlyInAnyOrderElementsOf(mapped);

        Map<String, Object> before = storedState();
        long started = System.nanoTime();
        List<String> refusals = new ArrayList<>();
        int n = 0;
        for (Endpoint endpoint : endpoints) {
            String key = "auth-key-" + n++;
            refusals.add(expectProblem(endpoint, null, key, 401));
            refusals.add(expectProblem(endpoint, "Bearer " + revokedAdmin, key, 401));
            refusals.add(expectProblem(endpoint, "Bearer auth-admin.not-the-secret-0123456789", key, 401));
            refusals.add(expectProblem(endpoint, "Bearer nosuchtoken.secret-0123456789", key, 401));
            for (Role role : Role.values()) {
                if (role.compareTo(endpoint.role()) < 0) {
                    refusals.add(expectProblem(endpoint, "Bearer " + tokens.get(role), key, 403));
                }
            }
        }
        System.out.printf("[write-endpoints-auth] %d write endpoints, %d requests refused in %d ms%n",
                endpoints.size(), refusals.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        Map<String, Object> after = storedState();
        assertThat(after).as("what is stored after the refused requests").isEqualTo(before);

        // The same requests from the least role that may send them are accepted: the refusals above
        // were for the token alone, not for the request.
        long events = events();
        started = System.nanoTime();
        for (Endpoint endpoint : endpoints) {
            HttpResponse<String> accepted = send(endpoint, "Bearer " + tokens.get(endpoint.role()), null);
            assertThat(accepted.statusCode()).as("%s from %s: %s", endpoint.key(), endpoint.role(), accepted.body())
                    .isBetween(200, 299);
        }
        assertThat(events()).as("events stored by the accepted requests").isGreaterThan(events);
        awaitLive();
        System.out.printf("[write-endpoints-auth] the same %d requests accepted from the right role in %d ms%n",
                endpoints.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** Every mapping that accepts a write method (or any method), by method and path pattern. */
    private Set<String> mappedWriteEndpoints() {
        Set<String> found = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/error")) {
                        continue; // Spring Boot's error page, reached by error dispatches only
                    }
                    for (RequestMethod method : methods.isEmpty() ? WRITES : methods) {
                        if (WRITES.contains(method)) {
                            found.add(method + " " + pattern);
                        }
                    }
                }
            }
        }
        return found;
    }

    private String expectProblem(Endpoint endpoint, String authorization, String idempotencyKey, int status) {
        HttpResponse<String> answer = send(endpoint, authorization, idempotencyKey);
        String what = endpoint.key() + " with " + (authorization == null ? "no token" : authorization);
        assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = SecurityHttp.JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.get("instance").asString()).as(what).isEqualTo(endpoint.path());
        if (status == 401) {
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(what)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        if (authorization != null && authorization.contains(revokedAdmin)) {
            assertThat(problem.get("detail").asString()).as(what).contains("revoked");
        }
        return what;
    }

    private HttpResponse<String> send(Endpoint endpoint, String authorization, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
        if (endpoint.body() == null) {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            // An import takes its file as CSV; every other write takes JSON.
            request.header("Content-Type", endpoint.path().equals("/api/imports") ? "text/csv" : "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(endpoint.body()));
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything a write could change: the events, every token as stored, the keys, the read model's state. */
    private Map<String, Object> storedState() {
        awaitLive();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("events", events());
        Document head = database.getCollection("events").find().sort(Sorts.descending("_id")).limit(1).first();
        state.put("last commit", head == null ? null : head.get("_id"));
        state.put("tokens", database.getCollection(MongoApiTokens.COLLECTION).find().sort(Sorts.ascending("_id"))
                .into(new ArrayList<>()));
        state.put("idempotency keys", database.getCollection("idempotency_keys").countDocuments());
        JsonNode projection = projection();
        state.put("projection version", projection.get("activeVersion").asInt());
        state.put("projection building", projection.get("buildingVersion").toString());
        state.put("head position", projection.get("headPosition").asLong());
        state.put("crcs", http.get("/api/crcs", null).body());
        state.put("providers", http.get("/api/providers", null).body());
        state.put("north timeline", http.get("/api/crcs/auth-north/timeline?size=200", null).body());
        state.put("corrected entry", http.get("/api/entries/" + correctedEntry, null).body());
        state.put("retracted entry", http.get("/api/entries/" + retractedEntry, null).body());
        state.put("withheld entry", http.get("/api/entries/" + withheldEntry, null).body());
        state.put("withheld payload", http.get("/tlog/payloads/" + withheldPosition, null).statusCode());
        return state;
    }

    private long events() {
        return database.getCollection("events").countDocuments();
    }

    private JsonNode projection() {
        HttpResponse<String> status = http.get("/api/admin/projections", ADMIN);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        return SecurityHttp.JSON.readTree(status.body()).get("items").get(0);
    }

    /** Waits (bounded) until the read model is live and has every stored event. */
    private void awaitLive() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Supplier<Boolean> live = () -> {
            JsonNode p = projection();
            return "live".equals(p.get("state").asString())
                    && p.get("position").asLong() >= p.get("headPosition").asLong();
        };
        while (!live.get()) {
            assertThat(System.nanoTime()).as("read model live and caught up").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode created(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return SecurityHttp.JSON.readTree(answer.body());
    }
}
