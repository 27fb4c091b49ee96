package uk.crcledger.api.imports;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.TestDirectories;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The import API over HTTP on the reference ledger: the README's sample file checked and imported, a re-upload that
 * records nothing, every row's problems at once, a rule refusing one row while the others are recorded, and hostile
 * files (huge, binary, another encoding, formulas, 100,000 rows) refused with a clear problem and nothing recorded.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportHttpIntegrationTest {

    private static final String ADMIN = "admin.import-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-import-test");
    /** The sample file the README documents. */
    static final Path SAMPLE = Path.of("..", "docs", "import-sample.csv");
    private static final String SOURCE_COLUMNS = "sources.title,sources.documentReference";
    private static final String HEADER = "type,crcIds,occurredOn,category,summary," + SOURCE_COLUMNS;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
        registry.add("ledger.seed", () -> "true");
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private String recorder;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void staff() {
        api = new HttpLedger(port);
        recorder = api.token(ADMIN, "rita-recorder", "recorder");
    }

    record Answer(int status, String contentType, String location, Map<String, Object> json) {
    }

    private Answer upload(String query, byte[] body, String contentType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"
                        + query)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(response.statusCode(), type, response.headers().firstValue("Location").orElse(null),
                    response.body().isEmpty() ? Map.of() : HttpLedger.JSON.readValue(response.body(), Map.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer upload(String query, String csv) {
        return upload(query, csv.getBytes(StandardCharsets.UTF_8), "text/csv", recorder);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> problems(Answer answer) {
        return (List<Map<String, Object>>) answer.json().get("problems");
    }

    /** Waits for the import to finish and answers its resource. */
    private Map<String, Object> finished(Answer started) {
        assertThat(started.status()).as(started.json().toString()).isEqualTo(202);
        assertThat(started.location()).startsWith("/api/imports/import-");
        await().atMost(Duration.ofSeconds(60)).until(() -> "finished".equals(api.get(started.location(), recorder)
                .json().get("status")));
        return api.get(started.location(), recorder).json();
    }

    private int timelineSize(String crc) {
        return ((Number) api.get("/api/crcs/" + crc + "/timeline?size=200", recorder).json().get("total"))
                .intValue();
    }

    private static String incident(String crc, String day, String summary) {
        return "incident-report," + crc + "," + day + ",staffing," + summary + ",Napo blog,Napo blog " + day;
    }

    @Test
    void theSampleFileIsCheckedThenRecordedOnceThoughUploadedTwice() throws IOException {
        byte[] sample = Files.readAllBytes(SAMPLE);
        int before = timelineSize("bgsw");

        Answer dryRun = upload("?dryRun=true", sample, "text/csv", recorder);
        assertThat(dryRun.status()).as(dryRun.json().toString()).isEqualTo(200);
        assertThat(dryRun.json()).containsEntry("rows", 3).containsEntry("recordable", true)
                .containsEntry("problemCount", 0);
        assertThat(timelineSize("bgsw")).as("a dry run records nothing").isEqualTo(before);

        Map<String, Object> first = finished(upload("", sample, "text/csv", recorder));
        assertThat(first).containsEntry("total", 3).containsEntry("recorded", 3).containsEntry("alreadyRecorded", 0)
                .containsEntry("failed", 0).containsEntry("processed", 3).containsEntry("startedBy", "rita-recorder");
        assertThat(first.get("finishedAt")).isNotNull();
        await().atMost(Duration.ofSeconds(20)).until(() -> timelineSize("bgsw") == before + 1);

        Map<String, Object> again = finished(upload("", sample, "text/csv; charset=utf-8", recorder));
        assertThat(again).containsEntry("recorded", 0).containsEntry("alreadyRecorded", 3).containsEntry("failed", 0);
        assertThat(timelineSize("bgsw")).isEqualTo(before + 1);
    }

    @Test
    void aDryRunReportsEveryRowsProblemsAtOnceAndRecordingSuchAFileRecordsNothing() {
        String csv = HEADER + "\r\n"
                + incident("bgsw", "2016-13-40", "bad date") + "\r\n"
                + incident("atlantis", "2016-01-02", "unknown CRC") + "\r\n"
                + incident("bgsw", "2016-01-03", "=HYPERLINK(\"http://evil\")") + "\r\n"
                + "parking-ticket,bgsw,2016-01-04,staffing,unknown type,Napo blog,ref\r\n"
                + "incident-report,bgsw,2016-01-05,staffing,no source,,\r\n"
                + "incident-report,bgsw\r\n"
                + incident("bgsw", "2099-01-01", "in the future") + "\r\n"
                + incident("bgsw", "2016-01-08", "a good row") + "\r\n";
        int before = timelineSize("bgsw");

        Answer dryRun = upload("?dryRun=true", csv);

        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json()).containsEntry("rows", 8).containsEntry("recordable", false);
        assertThat(problems(dryRun)).extracting(p -> p.get("row"), p -> p.get("field")).contains(
                org.assertj.core.groups.Tuple.tuple(2, "occurredOn"),
                org.assertj.core.groups.Tuple.tuple(3, "crcIds"),
                org.assertj.core.groups.Tuple.tuple(4, "summary"),
                org.assertj.core.groups.Tuple.tuple(5, "type"),
                org.assertj.core.groups.Tuple.tuple(6, "sources.title"),
                org.assertj.core.groups.Tuple.tuple(7, null),
                org.assertj.core.groups.Tuple.tuple(8, "occurredOn"));
        assertThat(problems(dryRun)).noneMatch(p -> p.get("row").equals(9));
        assertThat(problems(dryRun)).filteredOn(p -> p.get("row").equals(4)).first()
                .satisfies(p -> assertThat((String) p.get("message")).contains("formula"));

        Answer refused = upload("", csv);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(problems(refused)).hasSameSizeAs(problems(dryRun));
        assertThat(timelineSize("bgsw")).as("nothing half-recorded").isEqualTo(before);
    }

    @Test
    void aRowARuleRefusesIsReportedAndTheOthersAreRecorded() {
        String csv = "type,providerId,crcs.crcId,crcs.posts,announcedOn,description," + SOURCE_COLUMNS + "\r\n"
                + "job-cut-announcement,sodexo-nacro,west-yorkshire,10,2016-05-01,not Sodexo's CRC,Napo,ref 1\r\n"
                + "job-cut-announcement,purple-futures,west-yorkshire,11,2016-05-02,Purple Futures' own,Napo,ref 2\r\n";

        Map<String, Object> done = finished(upload("", csv));

        assertThat(done).containsEntry("recorded", 1).containsEntry("failed", 1).containsEntry("alreadyRecorded", 0);
        assertThat(done.get("problems")).asList().singleElement().satisfies(p -> {
            assertThat(((Map<?, ?>) p).get("row")).isEqualTo(2);
            assertThat((String) ((Map<?, ?>) p).get("message")).contains("held by purple-futures");
        });
    }

    @Test
    void aByteOrderMarkTheExportsColumnsAndQuotedFormulasAreTaken() {
        String csv = "\uFEFFentryId,type,crcIds,occurredOn,category,summary,status,permalink," + SOURCE_COLUMNS + "\r\n"
                + "x-1,incident-report,kss,2016-02-01,staffing,'-10% staff in Kent,recorded,/x,Napo,\"ref; one\"\r\n";

        Answer dryRun = upload("?dryRun=true", csv);

        assertThat(dryRun.json()).as(dryRun.json().toString()).containsEntry("recordable", true);
    }

    @Test
    void aFileNotInUtf8IsRefusedSayingSo() {
        byte[] windows1252 = (HEADER + "\r\n" + incident("bgsw", "2016-01-02", "£5m lost; café closed"))
                .getBytes(Charset.forName("windows-1252"));

        Answer refused = upload("?dryRun=true", windows1252, "text/csv", recorder);

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat((String) refused.json().get("detail")).contains("not UTF-8").contains("line 2");
        assertThat(upload("", HEADER.getBytes(StandardCharsets.UTF_8), "text/csv; charset=windows-1252", recorder)
                .status()).isEqualTo(415);
    }

    @Test
    void aBinaryFileIsRefused() {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00};

        Answer refused = upload("", zip, "text/csv", recorder);

        assertThat(refused.status()).isEqualTo(415);
        assertThat((String) refused.json().get("title")).isEqualTo("Not a CSV text file");
    }

    @Test
    void aHugeFileIsRefusedWith413() {
        byte[] huge = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');

        Answer refused = upload("", huge, "text/csv", recorder);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aFileOfAHundredThousandRowsIsRefusedWith413AndRecordsNothing() {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(incident("wales", "2016-01-01", "row " + i)).append("\r\n");
        }
        int before = timelineSize("wales");

        Answer refused = upload("", csv.toString());

        assertThat(refused.status()).isEqualTo(413);
        assertThat((String) refused.json().get("detail")).contains("more than 20000 rows");
        assertThat(timelineSize("wales")).isEqualTo(before);
    }

    @Test
    void aFileWithoutItsHeaderOrWithUnknownColumnsIsAProblemOfRowOne() {
        assertThat(problems(upload("?dryRun=true", ""))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("row", 1));
        assertThat(problems(upload("?dryRun=true", "bgsw,2016-01-01,staffing\r\n")))
                .extracting(p -> p.get("field")).contains("type");
        assertThat(problems(upload("?dryRun=true", "type,colour\r\nincident-report,red\r\n")))
                .extracting(p -> p.get("field")).contains("colour");
    }

    @Test
    void onlyCsvTextAndOnlyStaffAreTaken() {
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + HEADER + "\r\n--b--\r\n";
        Answer notCsv = upload("", multipart.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=b",
                recorder);
        assertThat(notCsv.status()).as(notCsv.json().toString()).isEqualTo(415);
        assertThat(notCsv.contentType()).startsWith("application/problem+json");
        assertThat(upload("", HEADER.getBytes(StandardCharsets.UTF_8), "text/csv", null).status()).isEqualTo(401);
        assertThat(api.get("/api/imports/import-2016-01-01-00000000", recorder).status()).isEqualTo(404);
    }
}
