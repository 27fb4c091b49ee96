package uk.crcledger.api.search;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * {@code GET /api/search} over HTTP, on an empty ledger where Working Links holds BGSW: an entry
 * recorded is found once the index has caught up, ranked and filtered, with its matches marked;
 * as of before it was recorded it is not there; hostile or malformed queries are 400 problems that
 * say what to change; a rebuild gives the same answers.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchHttpIntegrationTest {

    private static final String ADMIN = "admin.search-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-search-test");
    private static final Duration INDEXED = Duration.ofSeconds(15);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private String recorder;
    private String selfHarm;
    private Instant beforeIncidents;

    @BeforeAll
    void workingLinksHoldsBgswAndTwoIncidentsAreRecorded() {
        api = new HttpLedger(port);
        recorder = api.token(ADMIN, "rita-recorder", "recorder");
        String editor = api.token(ADMIN, "eddie-editor", "editor");
        assertThat(api.post("/api/crcs", editor, Map.of("crcId", "bgsw",
                "name", "Bristol, Gloucestershire, Somerset and Wiltshire", "abbreviation", "BGSW")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/providers", editor, Map.of("providerId", "working-links", "name", "Working Links",
                "kind", "private company", "members", List.of("Working Links"))).status()).isEqualTo(201);
        assertThat(api.post("/api/contract-awards", recorder, Map.of("crcId", "bgsw",
                "providerId", "working-links", "signedOn", "2014-12-18", "startsOn", "2015-02-01",
                "plannedEndOn", "2022-01-31", "sources", List.of(source("PQ 221779")))).status()).isEqualTo(201);
        beforeIncidents = Instant.now();
        Answer created = api.post("/api/incident-reports", recorder, incident("risk-management",
                "a dreadful self-harm case in Bristol", "Breaches of supervision were missed by overloaded staff"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        selfHarm = (String) created.json().get("entryId");
        assertThat(api.post("/api/incident-reports", recorder, incident("unpaid-work",
                "clients not attending unpaid work", "A supervision gap in unpaid work")).status()).isEqualTo(201);
    }

    @Test
    void finds_a_recorded_incident_by_a_stemmed_word_with_its_holder_and_the_word_marked() {
        Answer found = awaitFound("breach", 1);

        Map<String, Object> hit = found.items().get(0);
        assertThat(hit).containsEntry("entryId", selfHarm).containsEntry("type", "incident-report")
                .containsEntry("providerId", "working-links").containsEntry("providerName", "Working Links")
                .containsEntry("status", "active").containsEntry("crcIds", List.of("bgsw"));
        assertThat(parts(hit)).contains(Map.of("text", "Breaches", "match", true));
        assertThat(found.json()).containsEntry("total", 1).containsEntry("next", null);
    }

    @Test
    void ranks_filters_and_pages() {
        awaitFound("supervision", 2);

        assertThat(search("supervision&type=incident-report&crc=bgsw&provider=working-links").json())
                .containsEntry("total", 2);
        assertThat(search("supervision&type=contract-award,job-cut-announcement").json()).containsEntry("total", 0);
        assertThat(search("supervision&provider=someone-else").json()).containsEntry("total", 0);
        assertThat(search("supervision&from=2016-01-21").json()).containsEntry("total", 0);
        Answer first = search("supervision&size=1");
        assertThat(first.items()).hasSize(1);
        assertThat((String) first.json().get("next")).contains("page=1");
        assertThat(search("%22self-harm%22").items()).extracting(i -> i.get("entryId")).containsExactly(selfHarm);
        assertThat(search("supervision%20-breach").items()).extracting(i -> i.get("entryId"))
                .doesNotContain(selfHarm).hasSize(1);
    }

    @Test
    void as_of_before_the_incidents_were_recorded_finds_none_of_them() {
        awaitFound("supervision", 2);

        assertThat(search("supervision&asOf=" + beforeIncidents).json()).containsEntry("total", 0);
        assertThat(search("supervision&asOf=" + Instant.now()).json()).containsEntry("total", 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no q|                                       |q|empty",
            "blank q|q=%20%20                            |q|empty",
            "syntax error|q=breach%20AND                 |q|could not be read",
            "unclosed quote|q=%22self-harm               |q|could not be read",
            "leading wildcard|q=*arm                     |q|could not be read",
            "short prefix|q=a*                           |q|too short",
            "regular expression|q=/(a%2B)%2Bb/           |q|regular expressions",
            "unknown field|q=secret:word                 |q|no field",
            "control character|q=breach%00               |q|control character",
            "escape character|q=breach%1B%5B31m          |q|control character",
            "only common words|q=the                     |q|no words",
            "deep page|q=breach&page=200&size=100        |page|first 1000",
            "bad type|q=breach&type=gossip               |type|type must be",
            "bad date|q=breach&from=yesterday            |from|ISO date",
            "bad asOf|q=breach&asOf=then                 |asOf|ISO-8601",
            "bad size|q=breach&size=1000                 |size|size must be"})
    void refuses_what_it_cannot_run_with_a_problem_naming_the_field(String name, String query, String field,
                                                                      String detail) {
        Answer refused = api.get("/api/search?" + (query == null ? "" : query), null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json()).containsEntry("field", field);
        assertThat((String) refused.json().get("detail")).contains(detail);
    }

    @Test
    void refuses_huge_queries_and_too_many_words() {
        Answer huge = search(URLEncoder.encode("breach ".repeat(100), StandardCharsets.UTF_8));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            many.append("word").append(i).append(' ');
        }
        Answer tooMany = search(URLEncoder.encode(many.toString(), StandardCharsets.UTF_8));

        assertThat(huge.status()).isEqualTo(400);
        assertThat((String) huge.json().get("detail")).contains("at most 500");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat((String) tooMany.json().get("detail")).contains("too much");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_rebuild_gives_the_same_answers_and_the_index_reports_its_health() {
        Answer before = awaitFound("supervision", 2);

        Answer started = api.post("/api/admin/search-index/rebuild", ADMIN, Map.of());

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(INDEXED).until(() -> search("supervision").status() == 200
                && "live".equals(api.get("/api/admin/search-index", ADMIN).json().get("state")));
        assertThat(search("supervision").items()).isEqualTo(before.items());
        Map<String, Object> components = (Map<String, Object>) api.get("/actuator/health", null).json()
                .get("components");
        assertThat((Map<String, Object>) components.get("searchIndex")).containsEntry("status", "UP");
    }

    private Answer awaitFound(String q, int total) {
        await().atMost(INDEXED).until(() -> {
            Answer answer = search(q);
            return answer.status() == 200 && Integer.valueOf(total).equals(answer.json().get("total"));
        });
        return search(q);
    }

    private Answer search(String query) {
        return api.get("/api/search?q=" + query, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parts(Map<String, Object> hit) {
        return ((List<Map<String, Object>>) hit.get("snippets")).stream()
                .flatMap(s -> ((List<Map<String, Object>>) s.get("parts")).stream()).toList();
    }

    private static Map<String, Object> incident(String category, String summary, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("crcIds", List.of("bgsw"));
        body.put("occurredOn", "2016-01-20");
        body.put("category", category);
        body.put("summary", summary);
        body.put("description", description);
        body.put("sources", List.of(source("Napo General Secretary's blog")));
        return body;
    }
}
