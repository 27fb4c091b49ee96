package uk.crcledger.api.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline exports over HTTP on the seeded reference ledger: CSV read back with Apache Commons CSV,
 * TimelineJS with a JSON parser; filters and asOf apply to both.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportsIntegrationTest {

    static final String ADMIN = "admin.exports-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-exports-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
        registry.add("ledger.admin-token", () -> ADMIN);
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        api = new HttpLedger(port);
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        assertThat(body).startsWith("\uFEFF");
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body.substring(1)))) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(Arrays.asList(CsvTimeline.HEADER.split(",")));
            return parser.getRecords();
        }
    }

    @Test
    void csvHoldsTheWholeTimelineOneRowPerEntry() throws Exception {
        Answer json = api.get("/api/crcs/west-yorkshire/timeline?size=200", null);
        HttpResponse<String> answer = get("/api/crcs/west-yorkshire/timeline?format=csv", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv")
                .containsIgnoringCase("charset=UTF-8");
        assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("filename=\"crc-west-yorkshire.csv\"");
        assertThat(answer.body()).contains("\r\n");
        List<CSVRecord> rows = csv(answer.body());
        assertThat(rows).extracting(r -> r.get("entryId"))
                .containsExactlyElementsOf(json.items().stream().map(i -> (String) i.get("entryId")).toList());
        CSVRecord award = rows.stream().filter(r -> r.get("type").equals("contract-award")).findFirst().orElseThrow();
        assertThat(award.get("occurredOn")).isEqualTo("2014-12-18");
        assertThat(award.get("providerId")).isEqualTo("purple-futures");
        assertThat(award.get("crcIds")).contains("west-yorkshire");
        assertThat(award.get("sources")).isNotBlank();
        assertThat(award.get("permalink")).endsWith("/api/entries/" + award.get("entryId"));
    }

    @Test
    void csvHonoursTheFilters() throws Exception {
        List<CSVRecord> rows = csv(get("/api/crcs/west-yorkshire/timeline?format=csv&type=job-cut-announcement", null)
                .body());
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.get("type")).isEqualTo("job-cut-announcement"));
        List<CSVRecord> provider = csv(get("/api/providers/purple-futures/timeline?format=csv&from=2016-01-01&to=2016-12-31",
                null).body());
        assertThat(provider).isNotEmpty().allSatisfy(r -> assertThat(r.get("occurredOn")).startsWith("2016-"));
        List<CSVRecord> page = csv(get("/api/crcs/west-yorkshire/timeline?format=csv&size=1", null).body());
        assertThat(page).hasSize(1);
    }

    @Test
    void acceptTextCsvChoosesCsvAndJsonStaysTheDefault() throws Exception {
        HttpResponse<String> csv = get("/api/crcs/west-yorkshire/timeline", "text/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv(csv.body())).isNotEmpty();
        for (String accept : Arrays.asList(null, "*/*", "application/json", "application/json, text/csv;q=0.5",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")) {
            HttpResponse<String> json = get("/api/crcs/west-yorkshire/timeline", accept);
            assertThat(json.statusCode()).as(accept).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type").orElseThrow()).as(accept)
                    .startsWith("application/json");
        }
    }

    @Test
    void anUnknownFormatIsAProblemListingTheSupportedOnes() throws Exception {
        HttpResponse<String> answer = get("/api/crcs/west-yorkshire/timeline?format=xml", null);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        Map<?, ?> problem = HttpLedger.JSON.readValue(answer.body(), Map.class);
        assertThat(problem.get("field")).isEqualTo("format");
        assertThat((String) problem.get("detail")).contains("csv").contains("timelinejs").contains("json");
        assertThat(get("/api/crcs/no-such-crc/timeline?format=csv", null).statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void timelineJsIsTheKnightLabFormat() throws Exception {
        Answer json = api.get("/api/providers/purple-futures/timeline?size=200", null);
        HttpResponse<String> answer = get("/api/providers/purple-futures/timeline?format=timelinejs", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Object> timeline = HttpLedger.JSON.readValue(answer.body(), Map.class);
        assertThat(((Map<String, Object>) ((Map<String, Object>) timeline.get("title")).get("text")).get("headline"))
                .isEqualTo("Timeline of Purple Futures");
        List<Map<String, Object>> events = (List<Map<String, Object>>) timeline.get("events");
        assertThat(events).extracting(e -> e.get("unique_id"))
                .containsExactlyElementsOf(json.items().stream().map(i -> i.get("entryId")).toList());
        for (Map<String, Object> event : events) {
            Map<String, Object> start = (Map<String, Object>) event.get("start_date");
            assertThat((String) start.get("year")).matches("\\d{4}");
            Map<String, Object> text = (Map<String, Object>) event.get("text");
            assertThat((String) text.get("headline")).isNotBlank();
            assertThat((String) text.get("text")).isNotBlank();
            assertThat(event.get("group")).isEqualTo("Purple Futures");
        }
        Map<String, Object> filtered = HttpLedger.JSON.readValue(get(
                "/api/providers/purple-futures/timeline?format=timelinejs&type=contract-award", null).body(), Map.class);
        assertThat((List<Map<String, Object>>) filtered.get("events")).isNotEmpty()
                .allSatisfy(e -> assertThat(((Map<String, Object>) e.get("text")).get("headline"))
                        .asString().startsWith("Contract award"));
    }

    @Test
    void asOfAppliesToTheExports() throws Exception {
        String editor = api.token(ADMIN, "exports-editor", "editor");
        Instant before = Instant.now();
        Thread.sleep(5);
        Answer cut = api.post("/api/job-cut-announcements", editor, Map.of("providerId", "purple-futures",
                "announcedOn", "2017-03-01", "crcs", List.of(Map.of("crcId", "west-yorkshire")), "totalPosts", 7,
                "description", "exports test cut",
                "sources", List.of(Map.of("title", "=HYPERLINK(\"http://evil.example\",\"click\")",
                        "publisher", "Test, with a comma", "documentReference", "test doc"))));
        assertThat(cut.status()).as(cut.body()).isEqualTo(201);
        String entryId = (String) cut.json().get("entryId");

        List<CSVRecord> now = csv(get("/api/crcs/west-yorkshire/timeline?format=csv", null).body());
        CSVRecord row = now.stream().filter(r -> r.get("entryId").equals(entryId)).findFirst().orElseThrow();
        assertThat(row.get("sources")).startsWith("'=HYPERLINK(").contains("Test, with a comma");
        List<CSVRecord> then = csv(get("/api/crcs/west-yorkshire/timeline?format=csv&asOf=" + before, null).body());
        assertThat(then).extracting(r -> r.get("entryId")).doesNotContain(entryId).hasSize(now.size() - 1);
        Map<?, ?> thenJs = HttpLedger.JSON.readValue(
                get("/api/crcs/west-yorkshire/timeline?format=timelinejs&asOf=" + before, null).body(), Map.class);
        assertThat((List<?>) thenJs.get("events")).hasSize(now.size() - 1);
        // Titled by the CRC's name, not its id.
        assertThat(((Map<?, ?>) ((Map<?, ?>) thenJs.get("title")).get("text")).get("headline"))
                .isEqualTo("Timeline of the West Yorkshire CRC");
    }

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private static org.w3c.dom.Document atom(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document feed = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
        Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated")) {
            assertThat(child(root, required)).as("feed/" + required).isNotBlank();
        }
        Instant.parse(child(root, "updated"));
        return feed;
    }

    private static String child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }

    private static List<Element> entries(org.w3c.dom.Document feed) {
        List<Element> entries = new ArrayList<>();
        NodeList list = feed.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < list.getLength(); i++) {
            Element entry = (Element) list.item(i);
            for (String required : List.of("id", "title", "updated")) {
                assertThat(child(entry, required)).as("entry/" + required).isNotBlank();
            }
            entries.add(entry);
        }
        return entries;
    }

    private static String alternate(Element entry) {
        NodeList links = entry.getElementsByTagNameNS(ATOM, "link");
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            if ("alternate".equals(link.getAttribute("rel"))) {
                return link.getAttribute("href");
            }
        }
        return null;
    }

    @Test
    void theAtomFeedShowsRecordingsAndCorrectionsNewestFirst() throws Exception {
        String editor = api.token(ADMIN, "feed-editor", "editor");
        Answer cut = api.post("/api/job-cut-announcements", editor, Map.of("providerId", "purple-futures",
                "announcedOn", "2017-06-01", "crcs", List.of(Map.of("crcId", "west-yorkshire")), "totalPosts", 40,
                "description", "feed test cut", "sources", List.of(HttpLedger.source("feed test source"))));
        assertThat(cut.status()).as(cut.body()).isEqualTo(201);
        String entryId = (String) cut.json().get("entryId");
        Answer corrected = api.post("/api/entries/" + entryId + "/corrections", editor,
                Map.of("changes", Map.of("totalPosts", 30), "reason", "feed test correction"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);

        for (String path : List.of("/api/feed.atom", "/api/feed.atom?crc=west-yorkshire",
                "/api/feed.atom?provider=purple-futures")) {
            List<Element> entries = entries(atom(get(path, "application/atom+xml")));
            assertThat(entries).as(path).isNotEmpty().hasSizeLessThanOrEqualTo(LedgerFeed.LIMIT);
            assertThat(entries).extracting(e -> Instant.parse(child(e, "updated")))
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(entries).extracting(e -> child(e, "id")).doesNotHaveDuplicates();
            List<Element> ours = entries.stream().filter(e -> alternate(e) != null
                    && alternate(e).endsWith("/api/entries/" + entryId)).toList();
            assertThat(ours).as(path).hasSize(2);
            assertThat(child(ours.get(0), "title")).startsWith("Corrected");
            assertThat(child(ours.get(0), "summary")).contains("feed test correction");
            assertThat(child(ours.get(1), "title")).startsWith("Recorded");
            assertThat(child(ours.get(0), "id")).endsWith("/api/entries/" + entryId + "#revision-2");
            assertThat(URI.create(child(ours.get(1), "id")).isAbsolute()).isTrue();
        }
        List<Element> other = entries(atom(get("/api/feed.atom?crc=dlnr", null)));
        assertThat(other).noneMatch(e -> alternate(e).endsWith("/api/entries/" + entryId));
        assertThat(get("/api/feed.atom?crc=no-such-crc", null).statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ocdsReleasesAreValidAgainstTheReleaseSchemaAndCorrectionsAreNewReleases() throws Exception {
        // The schema is strict enough to catch a bad release.
        assertThat(OcdsReleasesSchema.validate("{\"ocid\": \"x\", \"id\": \"1\", \"tag\": [\"nonsense\"]}"))
                .isNotEmpty();

        Map<String, Object> before = HttpLedger.JSON.readValue(get("/api/ocds/releases?crc=west-yorkshire", null).body(),
                Map.class);
        List<Map<String, Object>> releases = (List<Map<String, Object>>) before.get("releases");
        assertThat(releases).isNotEmpty();
        for (Map<String, Object> release : releases) {
            assertThat(OcdsReleasesSchema.validate(HttpLedger.JSON.writeValueAsString(release)))
                    .as(HttpLedger.JSON.writeValueAsString(release)).isEmpty();
        }
        Map<String, Object> award = releases.stream().filter(r -> ((List<String>) r.get("tag")).contains("award"))
                .findFirst().orElseThrow();
        String ocid = (String) award.get("ocid");
        assertThat(ocid).startsWith("ocds-crcledger-west-yorkshire-");
        assertThat((List<Map<String, Object>>) award.get("parties"))
                .extracting(p -> ((List<String>) p.get("roles")).get(0)).containsExactlyInAnyOrder("buyer", "supplier");
        Map<String, Object> awarded = ((List<Map<String, Object>>) award.get("awards")).get(0);
        assertThat(((List<Map<String, Object>>) awarded.get("suppliers")).get(0).get("id")).isEqualTo("purple-futures");
        String awardEntryId = (String) awarded.get("id");

        String editor = api.token(ADMIN, "ocds-editor", "editor");
        Instant beforeCorrection = Instant.now();
        Thread.sleep(5);
        Answer corrected = api.post("/api/entries/" + awardEntryId + "/corrections", editor,
                Map.of("changes", Map.of("valueGbp", 123456789), "reason", "ocds test value"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);

        Map<String, Object> all = HttpLedger.JSON.readValue(get("/api/ocds/releases", null).body(), Map.class);
        List<Map<String, Object>> after = (List<Map<String, Object>>) all.get("releases");
        for (Map<String, Object> release : after) {
            assertThat(OcdsReleasesSchema.validate(HttpLedger.JSON.writeValueAsString(release)))
                    .as(HttpLedger.JSON.writeValueAsString(release)).isEmpty();
        }
        assertThat(after).extracting(r -> r.get("ocid") + "/" + r.get("id")).doesNotHaveDuplicates();
        assertThat(after.stream().map(r -> r.get("ocid")).distinct().count()).isGreaterThanOrEqualTo(21);
        List<Map<String, Object>> ours = after.stream().filter(r -> ocid.equals(r.get("ocid"))).toList();
        assertThat(ours).hasSize(((List<?>) before.get("releases")).stream()
                .filter(r -> ocid.equals(((Map<?, ?>) r).get("ocid"))).toList().size() + 1);
        Map<String, Object> correction = ours.stream().filter(r -> r.get("id").equals(awardEntryId + "-2"))
                .findFirst().orElseThrow();
        Map<String, Object> value = (Map<String, Object>) ((List<Map<String, Object>>) correction.get("awards"))
                .get(0).get("value");
        assertThat(((Number) value.get("amount")).longValue()).isEqualTo(123456789L);
        assertThat(value.get("currency")).isEqualTo("GBP");
        assertThat(after).anySatisfy(r -> {
            assertThat((List<String>) r.get("tag")).containsExactly("contractTermination");
            Map<String, Object> contract = ((List<Map<String, Object>>) r.get("contracts")).get(0);
            assertThat(contract.get("status")).isEqualTo("terminated");
            assertThat((List<?>) contract.get("amendments")).hasSize(1);
        });

        Map<String, Object> asOf = HttpLedger.JSON.readValue(get("/api/ocds/releases?crc=west-yorkshire&asOf="
                + beforeCorrection, null).body(), Map.class);
        assertThat((List<Map<String, Object>>) asOf.get("releases")).extracting(r -> r.get("id"))
                .doesNotContain(awardEntryId + "-2");
        assertThat(get("/api/ocds/releases?crc=no-such-crc", null).statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRetractedContractEndIsAValidReleaseAndAFeedEntry() throws Exception {
        String editor = api.token(ADMIN, "retraction-editor", "editor");
        String endId = "end-2021-06-26-northumbria";
        Answer retracted = api.post("/api/entries/" + endId + "/retraction", editor, Map.of("reason", "export test"));
        assertThat(retracted.status()).as(retracted.body()).isEqualTo(200);

        Map<String, Object> body = HttpLedger.JSON.readValue(get("/api/ocds/releases?crc=northumbria", null).body(),
                Map.class);
        List<Map<String, Object>> releases = (List<Map<String, Object>>) body.get("releases");
        for (Map<String, Object> release : releases) {
            assertThat(OcdsReleasesSchema.validate(HttpLedger.JSON.writeValueAsString(release)))
                    .as(HttpLedger.JSON.writeValueAsString(release)).isEmpty();
        }
        Map<String, Object> undone = releases.stream().filter(r -> r.get("id").equals(endId + "-2")).findFirst()
                .orElseThrow();
        assertThat((List<String>) undone.get("tag")).containsExactly("contractUpdate");
        assertThat(((List<Map<String, Object>>) undone.get("contracts")).get(0).get("status")).isEqualTo("active");

        List<Element> feed = entries(atom(get("/api/feed.atom?crc=northumbria", null)));
        assertThat(child(feed.get(0), "title")).startsWith("Retracted");
        assertThat(child(feed.get(0), "id")).endsWith("/api/entries/" + endId + "#revision-2");
    }
}
