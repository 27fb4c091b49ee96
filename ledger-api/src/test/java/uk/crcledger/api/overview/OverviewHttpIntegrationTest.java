package uk.crcledger.api.overview;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * {@code GET /api/overview} and {@code /api/overview.svg} on the reference ledger: every CRC with the owners its
 * awards and transfers give, marks with their type's figures, the providers compared from their summaries, as of
 * an instant, filtered, refused with a 400 problem for bad input, and the chart well-formed with recorded text
 * escaped.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverviewHttpIntegrationTest {

    private static final String ADMIN = "admin.overview-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-overview-test");
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", dataDir::toString);
        registry.add("ledger.admin-token", () -> ADMIN);
    }

    @LocalServerPort
    int port;

    private HttpLedger api;

    @BeforeAll
    void theReferenceLedgerIsRead() {
        api = new HttpLedger(port);
        // The seed's last entry is Warwickshire and West Mercia's end; once it shows, the read model holds the seed.
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/entries/end-2021-06-26-wwm", null)
                .status() == 200);
    }

    @Test
    @Order(1)
    void givesEveryCrcWithTheOwnersItsAwardsAndTransfersGive() throws Exception {
        Answer answer = api.get("/api/overview", null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        List<Map<String, Object>> crcs = crcs(answer);
        assertThat(crcs).hasSize(21);
        Map<String, String> awarded = seedAwards();
        assertThat(awarded).hasSize(21);
        for (Map<String, Object> crc : crcs) {
            List<Map<String, Object>> contracts = list(crc, "contracts");
            assertThat(contracts.get(0).get("providerId")).as((String) crc.get("crcId"))
                    .isEqualTo(awarded.get((String) crc.get("crcId")));
            assertThat(contracts.get(contracts.size() - 1).get("endedOn")).isEqualTo("2021-06-26");
        }
        Map<String, Object> ddc = crc(crcs, "ddc");
        assertThat(list(ddc, "contracts")).extracting(c -> c.get("providerId"), c -> c.get("startsOn"),
                        c -> c.get("endedOn"), c -> c.get("endReason"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("working-links", "2015-02-01", "2019-02-15",
                                "transferred"),
                        org.assertj.core.groups.Tuple.tuple("seetec", "2019-02-15", "2021-06-26", "terminated-early"));

        // Marks carry their type's figure and the core's summary, as the entry's timeline has them.
        Map<String, Object> finding = mark(ddc, "finding-2019-02-15-ddc");
        assertThat(finding).containsEntry("type", "inspection-finding").containsEntry("rating", "inadequate")
                .containsEntry("occurredOn", "2019-02-15");
        // Published on the day of the transfer, so it falls to the holder from that day, as on the timeline.
        assertThat(finding).containsEntry("providerId", "seetec");
        Map<String, Object> cut = mark(crc(crcs, "west-yorkshire"), "job-cuts-2016-01-20-purple-futures");
        assertThat(cut).containsEntry("type", "job-cut-announcement").containsEntry("providerId", "purple-futures");
        assertThat(((Number) cut.get("posts")).intValue()).isPositive();
        Map<String, Object> timelineItem = api.get("/api/crcs/west-yorkshire/timeline?type=job-cut-announcement", null)
                .items().stream().filter(i -> i.get("entryId").equals(cut.get("entryId"))).findFirst().orElseThrow();
        assertThat(cut.get("summary")).isEqualTo(timelineItem.get("summary"));
        assertThat(mark(crc(crcs, "hlny"), "incident-2016-01-20-hlny")).containsEntry("type", "incident-report");
        assertThat(crcs).allSatisfy(crc -> assertThat(list(crc, "marks")).extracting(m -> m.get("type"))
                .doesNotContain("contract-award", "contract-end", "contract-term-change"));
    }

    @Test
    @Order(1)
    void comparesTheProvidersAsTheirSummariesAndTimelinesHaveThem() {
        List<Map<String, Object>> providers = list(api.get("/api/overview", null).json(), "providers");

        assertThat(providers).hasSize(8);
        Map<String, Object> purple = provider(providers, "purple-futures");
        Map<String, Object> summary = api.get("/api/providers/purple-futures", null).json();
        assertThat(purple).containsEntry("crcsHeld", 5).containsEntry("crcsHeldNow", 0)
                .containsEntry("postsAnnouncedCut", summary.get("postsAnnouncedCut"))
                .containsEntry("findingsByRating", summary.get("findingsByRating"))
                .containsEntry("incidents", 1);
        // Working Links held BGSW, DDC and Wales until the 2019 transfers to Seetec, which held KSS from the start.
        assertThat(provider(providers, "working-links")).containsEntry("crcsHeld", 3).containsEntry("incidents", 2);
        assertThat(provider(providers, "seetec")).containsEntry("crcsHeld", 4).containsEntry("incidents", 0);
    }

    @Test
    @Order(1)
    void asOfAnInstantBeforeTheTransfersWereRecordedShowsWorkingLinksStillHoldingBgsw() {
        // The first of the three transfers the seed records.
        Map<String, Object> transfer = api.get("/api/entries/transfer-2019-02-15-bgsw", null).json();
        Instant recorded = Instant.parse((String) list(transfer, "revisions").get(0).get("recordedAt"));
        String before = recorded.minusNanos(1_000).toString();

        Answer then = api.get("/api/overview?asOf=" + before, null);
        Answer now = api.get("/api/overview", null);

        assertThat(then.status()).as(then.body()).isEqualTo(200);
        assertThat(list(crc(crcs(then), "bgsw"), "contracts")).extracting(c -> c.get("providerId"),
                c -> c.get("endedOn")).containsExactly(org.assertj.core.groups.Tuple.tuple("working-links", null));
        assertThat(list(crc(crcs(now), "bgsw"), "contracts")).extracting(c -> c.get("providerId"))
                .containsExactly("working-links", "seetec");
        assertThat(provider(list(then.json(), "providers"), "seetec")).containsEntry("crcsHeld", 1);
        // The chart follows: then Seetec's only bar is Kent, Surrey and Sussex's.
        assertThat(seetecBars(svg("/api/overview.svg?asOf=" + before))).containsExactly("kss");
        assertThat(seetecBars(svg("/api/overview.svg"))).containsExactlyInAnyOrder("kss", "bgsw", "ddc", "wales");
    }

    @Test
    @Order(1)
    void narrowsToOneKindOfMarkAndToOneOwner() {
        List<Map<String, Object>> findings = crcs(api.get("/api/overview?type=inspection-finding", null));
        assertThat(findings).hasSize(21);
        assertThat(findings.stream().flatMap(crc -> list(crc, "marks").stream()))
                .isNotEmpty().allMatch(m -> "inspection-finding".equals(m.get("type")));

        List<Map<String, Object>> seetec = crcs(api.get("/api/overview?owner=seetec", null));
        assertThat(seetec).extracting(crc -> crc.get("crcId")).containsExactlyInAnyOrder("kss", "bgsw", "ddc", "wales");
        assertThat(seetec.stream().flatMap(crc -> list(crc, "marks").stream()))
                .allMatch(m -> "seetec".equals(m.get("providerId")));
    }

    @Test
    @Order(1)
    void refusesABadAsOfTypeOrOwnerWithAProblemNamingIt() {
        for (String path : List.of("/api/overview", "/api/overview.svg")) {
            assertRefused(path + "?asOf=yesterday", "asOf");
            assertRefused(path + "?type=contract-award", "type");
            assertRefused(path + "?type=%3Cscript%3E", "type");
            assertRefused(path + "?owner=nobody", "owner");
        }
    }

    @Test
    @Order(1)
    void drawsTheChartAsWellFormedSvgWithARowLinkingEachCrcAndAMarkLinkingEachEntry() throws Exception {
        Answer answer = api.get("/api/overview.svg", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("image/svg+xml");

        Document chart = parse(answer.body());
        assertThat(chart.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<Element> rows = byClass(chart, "g", "crc");
        assertThat(rows).hasSize(21);
        for (Element row : rows) {
            Element link = byClass(row, "a", "crc-link").get(0);
            assertThat(link.getAttribute("href")).isEqualTo("/?crc=" + row.getAttribute("data-crc-id"));
            assertThat(link.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent()).isNotBlank();
            assertThat(byClass(row, "rect", "contract")).isNotEmpty();
        }
        List<Map<String, Object>> crcs = crcs(api.get("/api/overview", null));
        List<String> markLinks = new ArrayList<>();
        crcs.forEach(crc -> list(crc, "marks").forEach(m -> markLinks.add("/?entry=" + m.get("entryId"))));
        assertThat(byClass(chart, "a", "mark")).extracting(a -> a.getAttribute("href"))
                .containsExactlyInAnyOrderElementsOf(markLinks);
    }

    @Test
    @Order(2)
    void escapesRecordedTextInTheChart() throws Exception {
        String hostile = "</title><script>alert(1)</script> & \"quoted\" <b>bold</b>";
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("crcIds", List.of("london"));
        incident.put("occurredOn", "2017-05-02");
        incident.put("category", "other");
        incident.put("summary", hostile);
        incident.put("sources", List.of(source("A source with <tags> & ampersands")));
        Answer recorded = api.post("/api/incident-reports", ADMIN, incident);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String entryId = (String) recorded.json().get("entryId");

        Document chart = parse(api.get("/api/overview.svg", null).body());

        assertThat(chart.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(chart.getElementsByTagNameNS("*", "b").getLength()).isZero();
        Element mark = byClass(chart, "a", "mark").stream()
                .filter(a -> a.getAttribute("data-entry-id").equals(entryId)).findFirst().orElseThrow();
        assertThat(mark.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent()).contains(hostile);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void assertRefused(String path, String field) {
        Answer answer = api.get(path, null);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
        assertThat(answer.json()).as(path).containsEntry("field", field);
    }

    /** Each CRC's first holder, from the seed file's awards. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> seedAwards() throws Exception {
        try (InputStream seed = OverviewHttpIntegrationTest.class.getResourceAsStream("/seed/reference-ledger.json")) {
            Map<String, Object> ledger = HttpLedger.JSON.readValue(seed, Map.class);
            Map<String, String> awarded = new HashMap<>();
            for (Map<String, Object> entry : (List<Map<String, Object>>) ledger.get("entries")) {
                if ("contract-award".equals(entry.get("type"))) {
                    awarded.put((String) entry.get("crcId"), (String) entry.get("providerId"));
                }
            }
            return awarded;
        }
    }

    /** The CRCs of the rows with a Seetec bar. */
    private static List<String> seetecBars(Document chart) {
        return byClass(chart, "g", "crc").stream()
                .filter(row -> byClass(row, "rect", "contract").stream()
                        .anyMatch(bar -> "seetec".equals(bar.getAttribute("data-provider-id"))))
                .map(row -> row.getAttribute("data-crc-id")).toList();
    }

    private Document svg(String path) {
        Answer answer = api.get(path, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return parse(answer.body());
    }

    /** Parses strictly (namespaces on, no external entities): a malformed chart fails here. */
    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("The chart is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> byClass(Object parent, String tag, String cssClass) {
        NodeList nodes = parent instanceof Document document ? document.getElementsByTagNameNS(SVG_NS, tag)
                : ((Element) parent).getElementsByTagNameNS(SVG_NS, tag);
        return elements(nodes).stream()
                .filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cssClass)).toList();
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<Map<String, Object>> crcs(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return list(answer.json(), "crcs");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> object, String field) {
        return (List<Map<String, Object>>) object.get(field);
    }

    private static Map<String, Object> crc(List<Map<String, Object>> crcs, String crcId) {
        return crcs.stream().filter(c -> crcId.equals(c.get("crcId"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> provider(List<Map<String, Object>> providers, String providerId) {
        return providers.stream().filter(p -> providerId.equals(p.get("providerId"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> mark(Map<String, Object> crc, String entryId) {
        return list(crc, "marks").stream().filter(m -> entryId.equals(m.get("entryId"))).findFirst().orElseThrow();
    }
}
