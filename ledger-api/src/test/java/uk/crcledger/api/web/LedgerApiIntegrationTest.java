package uk.crcledger.api.web;

import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.api.testing.HttpLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger.Answer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * The HTTP API end to end, the app on a random port with the embedded store and no seed: every
 * endpoint, the answers to bad input, roles and idempotent retries.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerApiIntegrationTest {

    private static final String ADMIN = "admin.http-test-secret-0123456789";

    private static final Path dataDir = TestDirectories.temporary("ledger-api-test");


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
        registry.add("ledger.api.max-body-bytes", () -> "16384");
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private String recorder;
    private String editor;

    @BeforeAll
    void tokensAndReferenceFacts() {
        api = new HttpLedger(port);
        recorder = api.token(ADMIN, "rita-recorder", "recorder");
        editor = api.token(ADMIN, "eddie-editor", "editor");
        assertThat(api.post("/api/crcs", editor, Map.of("crcId", "west-yorkshire", "name", "West Yorkshire"))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/crcs", editor, Map.of("crcId", "hlny", "name",
                "Humberside, Lincolnshire and North Yorkshire", "abbreviation", "HLNY")).status()).isEqualTo(201);
        assertThat(api.post("/api/providers", editor, Map.of("providerId", "purple-futures", "name", "Purple Futures",
                "kind", "private-led consortium", "members", List.of("Interserve", "3SC"))).status()).isEqualTo(201);
        for (String crc : List.of("west-yorkshire", "hlny")) {
            Answer award = api.post("/api/contract-awards", recorder, award(crc));
            assertThat(award.status()).as(award.body()).isEqualTo(201);
        }
    }

    private static Map<String, Object> award(String crc) {
        return Map.of("crcId", crc, "providerId", "purple-futures", "signedOn", "2014-12-18",
                "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31", "sources", List.of(source("PQ 221779")));
    }

    private static Map<String, Object> jobCuts(String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("providerId", "purple-futures");
        body.put("announcedOn", "2016-01-20");
        body.put("crcs", List.of(Map.of("crcId", "west-yorkshire"), Map.of("crcId", "hlny")));
        body.put("totalPosts", 100);
        body.put("description", description);
        body.put("sources", List.of(source("Napo/UNISON joint newsletter")));
        return body;
    }

    @Test
    void listsAndShowsCrcsAndProviders() {
        Answer crcs = api.get("/api/crcs", null);
        assertThat(crcs.status()).isEqualTo(200);
        assertThat(crcs.items()).extracting(i -> i.get("crcId")).contains("hlny", "west-yorkshire");
        assertThat(crcs.json()).containsKeys("total", "next");

        Map<String, Object> wy = api.get("/api/crcs/west-yorkshire", null).json();
        assertThat(wy).containsEntry("name", "West Yorkshire").containsEntry("currentProviderId", "purple-futures");

        assertThat(api.get("/api/providers", null).items()).extracting(i -> i.get("providerId"))
                .contains("purple-futures");
        Map<String, Object> purple = api.get("/api/providers/purple-futures", null).json();
        assertThat(purple).containsEntry("name", "Purple Futures").containsEntry("kind", "private-led consortium");
        assertThat(api.get("/api/providers/purple-futures/timeline", null).items()).isNotEmpty();
    }

    @Test
    void recordsAJobCutAndShowsItOnTheTimelineAndAsAPermalink() {
        Answer created = api.post("/api/job-cut-announcements", recorder, jobCuts("restructuring"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String location = created.header("location");
        assertThat(location).startsWith("/api/entries/job-cuts-2016-01-20-");
        assertThat(created.json()).containsEntry("type", "job-cut-announcement")
                .containsEntry("recordedBy", "rita-recorder").containsEntry("status", "active")
                .containsEntry("providerName", "Purple Futures");
        assertThat((String) created.json().get("summary")).contains("Purple Futures").contains("100 posts");

        Answer permalink = api.get(location, null);
        assertThat(permalink.status()).isEqualTo(200);
        assertThat(permalink.json().get("revisions")).asList().hasSize(1);

        Answer timeline = api.get("/api/crcs/west-yorkshire/timeline?type=job-cut-announcement", null);
        assertThat(timeline.items()).extracting(i -> i.get("entryId")).contains(created.json().get("entryId"));
        assertThat(timeline.items()).allSatisfy(i -> assertThat(i).containsKeys("entryId", "type", "occurredOn",
                "recordedAt", "recordedBy", "ledgerPosition", "providerId", "providerName", "crcIds", "summary",
                "status", "revisions", "sources"));
    }

    @Test
    void recordsEveryKindOfEntry() {
        Answer finding = api.post("/api/inspection-findings", recorder, Map.of("title", "Inspection of HLNY",
                "publishedOn", "2017-05-01", "crcIds", List.of("hlny"), "rating", "requires-improvement",
                "findings", "too few contacts", "sources", List.of(source("HMIP report"))));
        assertThat(finding.status()).as(finding.body()).isEqualTo(201);
        assertThat(finding.json()).containsEntry("rating", "requires-improvement")
                .containsEntry("inspectorate", "HM Inspectorate of Probation");

        Answer termChange = api.post("/api/contract-term-changes", recorder, Map.of("crcIds", List.of("hlny"),
                "announcedOn", "2018-07-27", "newPlannedEndOn", "2020-12-31", "reason", "ended early",
                "sources", List.of(source("Civil Service World"))));
        assertThat(termChange.status()).as(termChange.body()).isEqualTo(201);

        Answer end = api.post("/api/contract-ends", recorder, Map.of("crcId", "hlny", "endedOn", "2021-06-26",
                "reason", "terminated-early", "sources", List.of(source("PQ HL887"))));
        assertThat(end.status()).as(end.body()).isEqualTo(201);
        assertThat(api.get("/api/crcs/hlny", null).json().get("currentProviderId")).isNull();
    }

    @Test
    void pagesAndFiltersATimeline() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/job-cut-announcements", recorder, jobCuts("paging " + i)).status()).isEqualTo(201);
        }
        Answer first = api.get("/api/crcs/west-yorkshire/timeline?size=2", null);
        assertThat(first.items()).hasSize(2);
        assertThat((Integer) first.json().get("total")).isGreaterThanOrEqualTo(4);
        String next = (String) first.json().get("next");
        assertThat(next).contains("page=1").contains("size=2");
        Answer second = api.get(next.replaceFirst("^https?://[^/]+", ""), null);
        assertThat(second.items()).hasSize(2);
        assertThat(second.items().get(0).get("entryId")).isNotEqualTo(first.items().get(0).get("entryId"));

        assertThat(api.get("/api/crcs/west-yorkshire/timeline?from=2016-01-01&to=2016-12-31", null).items())
                .extracting(i -> i.get("occurredOn")).containsOnly("2016-01-20");
        assertThat(api.get("/api/crcs/west-yorkshire/timeline?provider=nobody", null).items()).isEmpty();
    }

    @Test
    void answersAsTheLedgerKnewItThen() {
        Instant before = Instant.now();
        Answer created = api.post("/api/job-cut-announcements", recorder, jobCuts("as-of probe"));
        String entryId = (String) created.json().get("entryId");

        assertThat(api.get("/api/crcs/west-yorkshire/timeline?asOf=" + before, null).items())
                .extracting(i -> i.get("entryId")).doesNotContain(entryId);
        assertThat(api.get("/api/crcs/west-yorkshire/timeline?asOf=" + Instant.now(), null).items())
                .extracting(i -> i.get("entryId")).contains(entryId);
        assertThat(api.get("/api/entries/" + entryId + "?asOf=" + before, null).status()).isEqualTo(404);
        assertThat(api.get("/api/crcs/west-yorkshire?asOf=2000-01-01T00:00:00Z", null).status()).isEqualTo(404);
    }

    @Test
    void correctsAndRetractsKeepingEveryRevision() {
        String entryId = (String) api.post("/api/job-cut-announcements", recorder, jobCuts("to be corrected"))
                .json().get("entryId");

        Answer corrected = api.post("/api/entries/" + entryId + "/corrections", editor,
                Map.of("changes", Map.of("totalPosts", 120), "reason", "Napo figure"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json()).containsEntry("status", "corrected").containsEntry("totalPosts", 120);
        assertThat(corrected.json().get("revisions")).asList().hasSize(2);

        Answer retracted = api.post("/api/entries/" + entryId + "/retraction", editor, Map.of("reason", "duplicate"));
        assertThat(retracted.json()).containsEntry("status", "retracted");

        Answer again = api.post("/api/entries/" + entryId + "/corrections", editor,
                Map.of("changes", Map.of("totalPosts", 130), "reason", "too late"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat((String) again.json().get("detail")).contains("retracted");
    }

    @Test
    void answersBadInputWithProblemsNamingTheField() {
        Answer malformed = api.post("/api/job-cut-announcements", recorder, "{\"providerId\": ", Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        Map<String, Object> wrongDate = new LinkedHashMap<>(jobCuts("x"));
        wrongDate.put("announcedOn", "yesterday");
        Answer wrongType = api.post("/api/job-cut-announcements", recorder, wrongDate);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json()).containsEntry("field", "announcedOn");

        Map<String, Object> noSources = new LinkedHashMap<>(jobCuts("x"));
        noSources.remove("sources");
        Answer missing = api.post("/api/job-cut-announcements", recorder, noSources);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json()).containsEntry("field", "sources");

        Answer huge = api.post("/api/job-cut-announcements", recorder, jobCuts("x".repeat(20_000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.contentType()).startsWith("application/problem+json");

        Answer badSlug = api.post("/api/crcs", editor, Map.of("crcId", "Not A Slug!", "name", "x"));
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(badSlug.json()).containsEntry("field", "crcId");

        for (String query : List.of("size=0", "size=201", "page=-1", "from=2016-13-01", "type=rumour",
                "asOf=yesterday", "from=2017-01-01&to=2016-01-01")) {
            Answer bad = api.get("/api/crcs/west-yorkshire/timeline?" + query, null);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.json()).as(query).containsKey("field");
        }
        assertThat(api.get("/api/crcs/atlantis", null).status()).isEqualTo(404);
        assertThat(api.get("/api/crcs/atlantis/timeline", null).status()).isEqualTo(404);
        assertThat(api.get("/api/providers/nobody", null).status()).isEqualTo(404);
        assertThat(api.get("/api/providers/nobody/timeline", null).status()).isEqualTo(404);
        Answer noEntry = api.get("/api/entries/no-such-entry", null);
        assertThat(noEntry.status()).isEqualTo(404);
        assertThat(noEntry.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/entries/no-such-entry/corrections", editor,
                Map.of("changes", Map.of("totalPosts", 1), "reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void refusesWhatTheLedgerRulesOut() {
        Map<String, Object> unheld = new LinkedHashMap<>(jobCuts("before the contract"));
        unheld.put("announcedOn", "2014-06-01");
        Answer rule = api.post("/api/job-cut-announcements", recorder, unheld);
        assertThat(rule.status()).isEqualTo(422);
        assertThat((String) rule.json().get("detail")).contains("west-yorkshire is held by no provider on 2014-06-01");

        Answer twice = api.post("/api/crcs", editor, Map.of("crcId", "west-yorkshire", "name", "West Yorkshire"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");
    }

    @Test
    void letsEachRoleDoWhatItMayAndNoMore() {
        assertThat(api.post("/api/job-cut-announcements", null, jobCuts("anonymous")).status()).isEqualTo(401);
        assertThat(api.post("/api/crcs", recorder, Map.of("crcId", "essex", "name", "Essex")).status())
                .isEqualTo(403);
        String someEntry = (String) api.get("/api/crcs/west-yorkshire/timeline", null).items().get(0).get("entryId");
        assertThat(api.post("/api/entries/" + someEntry + "/retraction", recorder, Map.of("reason", "x")).status())
                .isEqualTo(403);
        assertThat(api.post("/api/admin/projections/ledger-timelines/rebuild", editor, "{}", Map.of()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/projections", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void answersARetryWithTheSameKeyOnceAndRefusesTheKeyForAnotherBody() {
        Map<String, String> key = Map.of("Idempotency-Key", "cuts-2016-retry-1");
        String body = HttpLedger.JSON.writeValueAsString(jobCuts("retried"));
        int before = (Integer) api.get("/api/crcs/west-yorkshire/timeline", null).json().get("total");

        Answer first = api.post("/api/job-cut-announcements", recorder, body, key);
        Answer retry = api.post("/api/job-cut-announcements", recorder, body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("location")).isEqualTo(first.header("location"));
        assertThat(retry.json().get("entryId")).isEqualTo(first.json().get("entryId"));
        assertThat(api.get("/api/crcs/west-yorkshire/timeline", null).json().get("total")).isEqualTo(before + 1);

        Answer other = api.post("/api/job-cut-announcements", recorder,
                HttpLedger.JSON.writeValueAsString(jobCuts("another body")), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json()).containsEntry("field", "Idempotency-Key");
    }

    @Test
    void rebuildsTheReadModelOnAdminRequest() {
        Answer started = api.post("/api/admin/projections/ledger-timelines/rebuild", ADMIN, "{}", Map.of());
        assertThat(started.status()).isEqualTo(202);
        assertThat(api.post("/api/admin/projections/no-such/rebuild", ADMIN, "{}", Map.of()).status()).isEqualTo(404);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                "live".equals(((Map<?, ?>) ((List<?>) api.get("/api/admin/projections", ADMIN).json().get("items"))
                        .get(0)).get("state")));
        assertThat(api.get("/api/crcs/west-yorkshire", null).json()).containsEntry("currentProviderId", "purple-futures");
    }

    @Test
    void servesTheOpenApiDocument() {
        Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/crcs/{crcId}/timeline", "/api/job-cut-announcements",
                "/api/entries/{entryId}/corrections", "/api/admin/tokens");
        assertThat(api.get("/swagger-ui.html", null).status()).isIn(200, 302);
    }
}
