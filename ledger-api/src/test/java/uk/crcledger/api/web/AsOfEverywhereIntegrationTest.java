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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * {@code asOf} on every read over HTTP: each answers as the ledger stood before a correction and a
 * registration made after the instant, while the live answer shows them.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfEverywhereIntegrationTest {

    private static final String ADMIN = "admin.as-of-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-as-of-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private String cuts;
    private String then;

    @BeforeAll
    void recordThenCorrect() {
        api = new HttpLedger(port);
        String editor = api.token(ADMIN, "eddie-editor", "editor");
        created(api.post("/api/crcs", editor, Map.of("crcId", "west-yorkshire", "name", "West Yorkshire")));
        created(api.post("/api/providers", editor, Map.of("providerId", "purple-futures", "name", "Purple Futures")));
        created(api.post("/api/contract-awards", editor, Map.of("crcId", "west-yorkshire", "providerId",
                "purple-futures", "signedOn", "2014-12-18", "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31",
                "sources", List.of(source("PQ 221779")))));
        Answer recorded = created(api.post("/api/job-cut-announcements", editor, Map.of("providerId", "purple-futures",
                "announcedOn", "2016-01-20", "crcs", List.of(Map.of("crcId", "west-yorkshire")), "totalPosts", 100,
                "description", "first figure", "sources", List.of(source("Napo newsletter")))));
        cuts = (String) recorded.json().get("entryId");
        // Every answer above was given once the read model showed it, so "then" follows all of it.
        then = Instant.now().toString();

        Answer corrected = api.post("/api/entries/" + cuts + "/corrections", editor,
                Map.of("changes", Map.of("totalPosts", 120), "reason", "Napo figure"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        created(api.post("/api/crcs", editor, Map.of("crcId", "hlny", "name", "Humberside, Lincolnshire and North Yorkshire")));
    }

    private static Answer created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer;
    }

    private Answer get(String path) {
        Answer answer = api.get(path, null);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer;
    }

    private String asOf() {
        return "asOf=" + then;
    }

    @Test
    void listsOfCrcsAndProviders() {
        assertThat(get("/api/crcs?" + asOf()).items()).extracting(c -> c.get("crcId")).containsExactly("west-yorkshire");
        assertThat(get("/api/crcs").items()).extracting(c -> c.get("crcId")).containsExactly("hlny", "west-yorkshire");
        assertThat(get("/api/providers?" + asOf()).items()).extracting(p -> p.get("providerId"))
                .containsExactly("purple-futures");
    }

    @Test
    void timelineEntryAndProvider() {
        Map<String, Object> then = item(get("/api/crcs/west-yorkshire/timeline?" + asOf()).items());
        assertThat(then).containsEntry("totalPosts", 100).containsEntry("status", "active").containsEntry("revisions", 1);
        Map<String, Object> now = item(get("/api/crcs/west-yorkshire/timeline").items());
        assertThat(now).containsEntry("totalPosts", 120).containsEntry("status", "corrected").containsEntry("revisions", 2);

        assertThat((List<?>) get("/api/entries/" + cuts + "?" + asOf()).json().get("revisions")).hasSize(1);
        assertThat((List<?>) get("/api/entries/" + cuts).json().get("revisions")).hasSize(2);
        assertThat(get("/api/providers/purple-futures?" + asOf()).json().get("postsAnnouncedCut")).isEqualTo(100);
        assertThat(get("/api/providers/purple-futures/timeline?" + asOf()).items()).extracting(i -> i.get("totalPosts"))
                .contains(100);
    }

    @Test
    void exports() {
        assertThat(get("/api/crcs/west-yorkshire/timeline?format=csv&" + asOf()).body()).contains("100 posts cut")
                .doesNotContain("120 posts cut");
        assertThat(get("/api/crcs/west-yorkshire/timeline?format=csv").body()).contains("120 posts cut");
        assertThat(get("/api/providers/purple-futures/timeline?format=timelinejs&" + asOf()).body())
                .contains("100 posts cut").doesNotContain("120 posts cut");
        // Before the ledger knew anything, OCDS has no release; then, the award's.
        assertThat((List<?>) get("/api/ocds/releases?asOf=2000-01-01T00:00:00Z").json().get("releases")).isEmpty();
        assertThat((List<?>) get("/api/ocds/releases?crc=west-yorkshire&" + asOf()).json().get("releases")).hasSize(1);

        String feedThen = get("/api/feed.atom?" + asOf()).body();
        assertThat(feedThen).contains("Recorded: Purple Futures announced 100 posts cut").doesNotContain("Corrected:");
        assertThat(get("/api/feed.atom").body()).contains("Corrected: Purple Futures announced 120 posts cut");
    }

    @Test
    void knowsNothingOfACrcRegisteredLater() {
        assertThat(api.get("/api/crcs/hlny?" + asOf(), null).status()).isEqualTo(404);
        assertThat(api.get("/api/crcs/hlny/timeline?" + asOf(), null).status()).isEqualTo(404);
    }

    private Map<String, Object> item(List<Map<String, Object>> items) {
        return items.stream().filter(i -> cuts.equals(i.get("entryId"))).findFirst().orElseThrow();
    }
}
