package uk.crcledger.api.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * Incident reports over HTTP, on an empty ledger where Working Links holds BGSW: recorded at
 * {@code /api/incident-reports}, shown on the CRC's timeline under its holder that day, filtered by type,
 * corrected, retracted and exported like every other entry.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentReportsIntegrationTest {

    private static final String ADMIN = "admin.incident-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-incident-test");
    private static final String SELF_HARM = "a dreadful self-harm case in Bristol";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private String recorder;
    private String editor;

    @BeforeAll
    void workingLinksHoldsBgsw() {
        api = new HttpLedger(port);
        recorder = api.token(ADMIN, "rita-recorder", "recorder");
        editor = api.token(ADMIN, "eddie-editor", "editor");
        assertThat(api.post("/api/crcs", editor, Map.of("crcId", "bgsw",
                "name", "Bristol, Gloucestershire, Somerset and Wiltshire", "abbreviation", "BGSW")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/providers", editor, Map.of("providerId", "working-links", "name", "Working Links",
                "kind", "private company", "members", List.of("Working Links"))).status()).isEqualTo(201);
        Answer award = api.post("/api/contract-awards", recorder, Map.of("crcId", "bgsw",
                "providerId", "working-links", "signedOn", "2014-12-18", "startsOn", "2015-02-01",
                "plannedEndOn", "2022-01-31", "sources", List.of(source("PQ 221779"))));
        assertThat(award.status()).as(award.body()).isEqualTo(201);
    }

    private static Map<String, Object> incident(String category, String summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("crcIds", List.of("bgsw"));
        body.put("occurredOn", "2016-01-20");
        body.put("category", category);
        body.put("summary", summary);
        body.put("description", "one of recent stories of risk failures involving CRC providers");
        body.put("figures", List.of(Map.of("measure", "cases", "value", 1)));
        body.put("sources", List.of(source("Napo General Secretary's blog")));
        return body;
    }

    @Test
    void recordsAnIncidentAndShowsItUnderTheCrcsHolderThatDay() {
        Answer created = api.post("/api/incident-reports", recorder, incident("risk-management", SELF_HARM));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String location = created.header("location");
        assertThat(location).startsWith("/api/entries/incident-2016-01-20-");
        assertThat(created.json()).containsEntry("type", "incident-report")
                .containsEntry("category", "risk-management").containsEntry("recordedBy", "rita-recorder");
        // The permalink names only the provider an entry names itself, which an incident does not.
        assertThat((String) created.json().get("summary")).isEqualTo("Risk management incident in Bristol,"
                + " Gloucestershire, Somerset and Wiltshire: " + SELF_HARM);
        assertThat(api.get(location, null).status()).isEqualTo(200);

        Answer timeline = api.get("/api/crcs/bgsw/timeline?type=incident-report", null);
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.items()).extracting(i -> i.get("entryId")).contains(created.json().get("entryId"));
        assertThat(timeline.items()).allSatisfy(item -> assertThat(item)
                .containsEntry("type", "incident-report").containsEntry("providerId", "working-links"));
        assertThat(timeline.items()).filteredOn(item -> item.get("entryId").equals(created.json().get("entryId")))
                .singleElement().satisfies(item -> assertThat(item).containsEntry("category", "risk-management")
                        .containsEntry("summary", "Risk management incident in Bristol, Gloucestershire, Somerset"
                                + " and Wiltshire under Working Links: " + SELF_HARM));
        assertThat(api.get("/api/providers/working-links/timeline?type=incident-report", null).items())
                .extracting(i -> i.get("entryId")).contains(created.json().get("entryId"));
    }

    @Test
    void refusesACategoryItDoesNotKnowNamingTheField() {
        Answer refused = api.post("/api/incident-reports", recorder, incident("weather", SELF_HARM));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json()).containsEntry("field", "category");
    }

    @Test
    void refusesAnIncidentInACrcNobodyRegistered() {
        Map<String, Object> body = incident("unpaid-work", "clients not attending");
        body.put("crcIds", List.of("atlantis"));

        Answer refused = api.post("/api/incident-reports", recorder, body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    }

    @Test
    void correctsAndRetractsAnIncident() {
        String entryId = (String) api.post("/api/incident-reports", recorder, incident("other", "to be corrected"))
                .json().get("entryId");

        Answer corrected = api.post("/api/entries/" + entryId + "/corrections", editor,
                Map.of("changes", Map.of("category", "enforcement", "summary", "breaches not enforced"),
                        "reason", "misread the blog"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json()).containsEntry("status", "corrected").containsEntry("category", "enforcement")
                .containsEntry("summary", "Enforcement incident in Bristol, Gloucestershire, Somerset and Wiltshire:"
                        + " breaches not enforced");
        assertThat(corrected.json().get("revisions")).asList().hasSize(2);

        Answer retracted = api.post("/api/entries/" + entryId + "/retraction", editor, Map.of("reason", "duplicate"));
        assertThat(retracted.status()).as(retracted.body()).isEqualTo(200);
        assertThat(retracted.json()).containsEntry("status", "retracted");
    }

    @Test
    void exportsIncidentsInTheCsvTimeline() {
        String entryId = (String) api.post("/api/incident-reports", recorder, incident("it", "case system down"))
                .json().get("entryId");

        Answer csv = api.get("/api/crcs/bgsw/timeline?format=csv", null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains(entryId + ",incident-report,2016-01-20,working-links");
    }
}
