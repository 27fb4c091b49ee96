package uk.crcledger.api.web;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.crcledger.api.testing.HttpLedger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page at {@code /} in a real browser (see {@link BrowserTestSupport}): timelines, the staff forms, the
 * page's own checks of the transparency log.
 * Always writes {@code target/screenshots/west-yorkshire-timeline.png} and {@code verified-entry.png}; on a failure also
 * {@code target/screenshots/failure-<test>.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest extends BrowserTestSupport {

    @Test
    @Order(1)
    void showsWestYorkshiresTimelineWithPermalinksAndSources() {
        open("/?crc=west-yorkshire");
        List<WebElement> entries = entries();
        // Before any assertion, so the screenshot is there even when one fails.
        fullPageScreenshot("west-yorkshire-timeline.png");

        assertThat(browser.findElement(By.id("view-title")).getText()).contains("West Yorkshire");
        assertThat(entries).extracting(e -> e.getDomAttribute("data-type"))
                .contains("contract-award", "job-cut-announcement");
        WebElement award = browser.findElement(By.cssSelector("li[data-entry-id='award-2014-12-18-west-yorkshire']"));
        assertThat(award.getText()).contains("Contract award", "2014-12-18", "Purple Futures",
                "Interserve press release 18 Dec 2014");
        assertThat(award.findElement(By.cssSelector("a.permalink")).getDomAttribute("href"))
                .isEqualTo("/?entry=award-2014-12-18-west-yorkshire");
        for (WebElement entry : entries) {
            assertThat(entry.findElements(By.cssSelector("ul.sources li"))).isNotEmpty();
            String status = entry.getDomAttribute("class");
            if (status.contains("status-corrected") || status.contains("status-retracted")) {
                assertThat(entry.findElements(By.cssSelector(".mark"))).isNotEmpty();
            }
        }
        assertThat(browser.findElement(By.id("export-csv")).getDomAttribute("href"))
                .isEqualTo("/api/crcs/west-yorkshire/timeline?format=csv");
        assertThat(browser.findElement(By.id("export-timelinejs")).getDomAttribute("href"))
                .isEqualTo("/api/crcs/west-yorkshire/timeline?format=timelinejs");

        // The permalink reloads to the entry with its revisions.
        award.findElement(By.cssSelector("a.permalink")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("entry"), "Revisions"));
        assertThat(browser.getCurrentUrl()).endsWith("/?entry=award-2014-12-18-west-yorkshire");
        assertThat(browser.findElement(By.id("entry")).getText()).contains("Contract award", "Purple Futures");
    }

    @Test
    @Order(2)
    void filtersByType() {
        open("/?crc=west-yorkshire");
        int all = entries().size();

        new Select(browser.findElement(By.id("filter-type"))).selectByValue("job-cut-announcement");
        browser.findElement(By.id("apply-filters")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("type=job-cut-announcement"));
        new WebDriverWait(browser, WAIT).until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("#timeline > li"));
            return !shown.isEmpty() && shown.size() < all
                    && shown.stream().allMatch(e -> "job-cut-announcement".equals(e.getDomAttribute("data-type")));
        });
        assertThat(browser.findElement(By.id("status")).getText()).contains("entr");
        assertThat(browser.findElement(By.id("export-csv")).getDomAttribute("href"))
                .isEqualTo("/api/crcs/west-yorkshire/timeline?type=job-cut-announcement&format=csv");

        // A reload of the filtered permalink shows the same view.
        browser.navigate().refresh();
        waitUntilReady();
        assertThat(new Select(browser.findElement(By.id("filter-type"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("job-cut-announcement");
        assertThat(entries()).allMatch(e -> "job-cut-announcement".equals(e.getDomAttribute("data-type")));
    }

    @Test
    @Order(3)
    void showsTheApisValidationMessageAtTheField() {
        open("/?crc=west-yorkshire");
        signIn();

        new Select(browser.findElement(By.id("record-providerId"))).selectByValue("purple-futures");
        setValue("record-announcedOn", "2017-03-01");
        browser.findElement(By.id("record-sources-0--title")).sendKeys("A source");
        // No description: the API answers 400 naming the field.
        browser.findElement(By.id("record-submit")).click();

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("record-description-error"), "must not be blank"));
        assertThat(browser.findElement(By.id("record-description")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("record-error")).getText()).contains("Invalid request");
        assertThat(entries()).noneMatch(e -> e.getText().contains("2017-03-01"));
    }

    @Test
    @Order(4)
    void recordsAJobCutThroughTheFormAndRetractsIt() {
        open("/?crc=west-yorkshire&type=job-cut-announcement");
        signIn();

        new Select(browser.findElement(By.id("record-providerId"))).selectByValue("purple-futures");
        setValue("record-announcedOn", "2017-03-01");
        assertThat(browser.findElement(By.id("record-crcs")).getDomProperty("value")).isEqualTo("west-yorkshire");
        browser.findElement(By.id("record-totalPosts")).sendKeys("42");
        browser.findElement(By.id("record-description")).sendKeys("Browser test: 42 posts cut in West Yorkshire");
        browser.findElement(By.id("record-sources-0--title")).sendKeys("Napo news");
        browser.findElement(By.id("record-sources-0--url")).sendKeys("https://www.napo.org.uk/news");
        browser.findElement(By.id("record-submit")).click();

        // The timeline is drawn again when the answer arrives: an item found a moment before may be gone.
        WebElement recorded = new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#timeline > li"))
                .stream().filter(e -> e.getText().contains("2017-03-01")).findFirst().orElse(null));
        assertThat(recorded.getText()).contains("Job-cut announcement", "Purple Futures", "Napo news");
        assertThat(recorded.findElement(By.cssSelector("a.source-link")).getDomAttribute("href"))
                .isEqualTo("https://www.napo.org.uk/news");
        String entryId = recorded.getDomAttribute("data-entry-id");
        assertThat(new HttpLedger(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))
                .get("/api/entries/" + entryId, null).status()).isEqualTo(200);

        // Retract it through the form: it stays, marked retracted.
        browser.findElement(By.cssSelector("#revise input[value='retraction']")).click();
        WebElement entryInput = browser.findElement(By.id("revise-entryId"));
        entryInput.clear();
        entryInput.sendKeys(entryId);
        browser.findElement(By.id("revise-reason")).sendKeys("Recorded by the browser test");
        browser.findElement(By.id("revise-submit")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(
                By.cssSelector("li[data-entry-id='" + entryId + "'] .mark-retracted")).size() == 1);
    }

    @Test
    @Order(4)
    void recordsAnIncidentThroughTheStaffFormOnTheCrcsTimeline() {
        open("/?crc=bgsw");
        signIn();

        new Select(browser.findElement(By.id("record-type"))).selectByValue("incident-reports");
        assertThat(browser.findElement(By.id("record-crcIds")).getDomProperty("value")).isEqualTo("bgsw");
        setValue("record-occurredOn", "2017-04-02");
        new Select(browser.findElement(By.id("record-category"))).selectByValue("unpaid-work");
        browser.findElement(By.id("record-summary")).sendKeys("Browser test: unpaid work not supervised");
        browser.findElement(By.id("record-description")).sendKeys("Recorded through the staff form");
        browser.findElement(By.id("record-sources-0--title")).sendKeys("Napo news");
        browser.findElement(By.id("record-sources-0--url")).sendKeys("https://www.napo.org.uk/news");
        browser.findElement(By.id("record-submit")).click();

        // The timeline is drawn again after the write, so read the item's text within the wait.
        String recorded = new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#timeline > li")).stream()
                        .filter(e -> e.getText().contains("2017-04-02"))
                        .map(e -> e.getDomAttribute("data-entry-id") + "\n" + e.getText()).findFirst().orElse(null));
        assertThat(recorded).startsWith("incident-2017-04-02-")
                .contains("Incident report", "Unpaid work incident", "Working Links", "unpaid work not supervised");
    }

    @Test
    @Order(4)
    void showsEachCorrectionAsAChangeOfFieldsOnTheEntrysPage() {
        HttpLedger http = http();
        HttpLedger.Answer recorded = http.post("/api/job-cut-announcements", adminToken, java.util.Map.of(
                "providerId", "rrp", "announcedOn", "2016-02-03", "crcs", List.of(java.util.Map.of("crcId", "dlnr")),
                "totalPosts", 60, "description", "Browser test: posts cut before a correction",
                "sources", List.of(java.util.Map.of("title", "Napo news", "url", "https://www.napo.org.uk/news"))));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String entryId = (String) recorded.json().get("entryId");
        HttpLedger.Answer corrected = http.post("/api/entries/" + entryId + "/corrections", adminToken, java.util.Map.of(
                "changes", java.util.Map.of("totalPosts", 45, "sources", List.of(java.util.Map.of("title", "Napo news 2", "documentReference", "Napo circular 2016/12"))),
                "reason", "Napo's later figure"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);

        open("/?entry=" + entryId);
        WebElement changes = new WebDriverWait(browser, WAIT).until(
                d -> d.findElements(By.cssSelector("#entry table.changes")).stream().findFirst().orElse(null));
        WebElement posts = changes.findElement(By.cssSelector("tr[data-field='totalPosts']"));
        assertThat(posts.findElement(By.cssSelector("td.before")).getText()).isEqualTo("60");
        assertThat(posts.findElement(By.cssSelector("td.after")).getText()).isEqualTo("45");
        WebElement sources = changes.findElement(By.cssSelector("tr[data-field='sources']"));
        assertThat(sources.findElement(By.cssSelector("td.before")).getText()).isEqualTo("Napo news (https://www.napo.org.uk/news)");
        assertThat(sources.findElement(By.cssSelector("td.after")).getText()).isEqualTo("Napo news 2 (Napo circular 2016/12)");
        // Who changed it, when and why stand beside the change.
        WebElement correction = changes.findElement(By.xpath("./ancestor::li[1]"));
        assertThat(correction.getText()).contains("corrected", "by admin", "Napo's later figure");
        assertThat(correction.findElement(By.tagName("time")).getDomAttribute("datetime")).isNotBlank();
        fullPageScreenshot("entry-corrections.png");
    }

    @Test
    @Order(5)
    void fitsAPhoneScreenAndKeepsItsLabels() {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open("/?crc=west-yorkshire");
            entries();
            JavascriptExecutor js = (JavascriptExecutor) browser;
            // No sideways scrolling at phone width.
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue())
                    .isLessThanOrEqualTo(((Number) js.executeScript("return document.documentElement.clientWidth"))
                            .longValue());
            // Every visible form control has a label.
            Object unlabelled = js.executeScript("return [...document.querySelectorAll('input, select, textarea')]"
                    + ".filter(e => e.offsetParent !== null && e.labels.length === 0).map(e => e.id || e.name)");
            assertThat((List<?>) unlabelled).isEmpty();
            fullPageScreenshot("west-yorkshire-timeline-phone.png");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    static final String AWARD = "award-2014-12-18-west-yorkshire";

    @Test
    @Order(6)
    void checksAnEntrysInclusionProofAndCheckpointSignatureInTheBrowser() {
        HttpLedger http = new HttpLedger(port(base));
        Object position = http.get("/api/entries/" + AWARD, null).json().get("ledgerPosition");
        String vkey = http.get("/tlog/vkey", null).body().trim();
        String[] key = vkey.split("\\+");

        open("/?entry=" + AWARD);
        WebElement mark = awaitMark(By.cssSelector("#entry .verify"), "verified");
        fullPageScreenshot("verified-entry.png");

        assertThat(browser.findElement(By.cssSelector("#entry .ledger")).getText())
                .contains("ledger position " + position, "verified");
        assertThat(mark.getDomAttribute("aria-live")).isEqualTo("polite");
        assertThat(mark.getDomAttribute("title"))
                .contains("ledger position " + position, "tree size", key[0], key[0] + "+" + key[1]);
        assertThat(browser.findElement(By.id("verify-key")).getText()).contains(key[0] + "+" + key[1]);
        WebElement howTo = browser.findElement(By.cssSelector("footer a[href='/verify.html']"));
        assertThat(howTo.getText()).isEqualTo("How to verify this ledger");

        // On a timeline, the entries in view are checked too, each with its position.
        open("/?crc=west-yorkshire");
        WebElement award = browser.findElement(By.cssSelector("li[data-entry-id='" + AWARD + "']"));
        assertThat(award.findElement(By.cssSelector(".position")).getText()).isEqualTo("ledger position " + position);
        awaitMark(By.cssSelector("#timeline > li:first-child .verify"), "verified");

        // The how-to page, with the tested OpenSSL recipe and the key the server publishes.
        howTo = browser.findElement(By.cssSelector("footer a[href='/verify.html']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", howTo);
        howTo.click();
        waitUntilReady();
        fullPageScreenshot("how-to-verify.png");
        assertThat(browser.findElement(By.id("served-key")).getText()).isEqualTo(vkey);
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in body.txt -sigfile sig.bin",
                        "verify --url", "tessera", "torchwood", "golang.org/x/mod/sumdb/note");
    }

    @Test
    @Order(7)
    void saysPlainlyWhenAnInclusionProofIsWrong() throws IOException {
        try (TamperingProxy lying = new TamperingProxy(base, TamperingProxy::flipFirstProofHash)) {
            openAt(lying.base(), "/?entry=" + AWARD);
            WebElement mark = awaitMark(By.cssSelector("#entry .verify"), "failed");
            fullPageScreenshot("failed-entry-proof.png");
            assertThat(mark.getText()).startsWith("✗ verification failed: ")
                    .contains("inclusion proof does not lead to the checkpoint's root hash");
            assertThat(mark.getDomAttribute("class")).contains("verify-failed");
        }
    }

    @Test
    @Order(8)
    void saysPlainlyWhenTheCheckpointSignatureIsWrong() throws IOException {
        try (TamperingProxy lying = new TamperingProxy(base, TamperingProxy::breakCheckpointSignature)) {
            openAt(lying.base(), "/?entry=" + AWARD);
            WebElement mark = awaitMark(By.cssSelector("#entry .verify"), "failed");
            assertThat(mark.getText()).contains("verification failed", "checkpoint signature does not verify");
        }
    }

    @Test
    @Order(9)
    void failsEveryCheckAgainstAPinnedKeyTheLogDoesNotUse() throws Exception {
        String name = new HttpLedger(port(base)).get("/tlog/vkey", null).body().split("\\+")[0];
        String otherKey = otherVerifierKey(name);
        open("/verify.html");
        try {
            browser.findElement(By.id("pin-key")).sendKeys(otherKey);
            browser.findElement(By.id("pin-button")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("pin-status"), "Pinned: checks on this site use " + otherKey));

            open("/?entry=" + AWARD);
            WebElement mark = awaitMark(By.cssSelector("#entry .verify"), "failed");
            assertThat(mark.getText()).contains("verification failed", "not the key you pinned");
            assertThat(browser.findElement(By.id("verify-key")).getText()).doesNotContain("checked against");

            // A key whose id does not match it is refused, not pinned.
            open("/verify.html");
            String[] parts = otherKey.split("\\+", 3);
            browser.findElement(By.id("pin-key")).clear();
            browser.findElement(By.id("pin-key")).sendKeys(parts[0] + "+00000000+" + parts[2]);
            browser.findElement(By.id("pin-button")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("pin-status"), "Not pinned: the key id"));
        } finally {
            open("/verify.html");
            browser.findElement(By.id("unpin-button")).click();
        }
        open("/?entry=" + AWARD);
        awaitMark(By.cssSelector("#entry .verify"), "verified");
    }

    /** A valid signed-note verifier key with the log's name but a key of its own. */
    private static String otherVerifierKey(String name) throws Exception {
        byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] key = new byte[33];
        key[0] = 0x01;
        System.arraycopy(spki, spki.length - 32, key, 1, 32);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] id = Arrays.copyOf(sha256.digest(key), 4);
        return name + "+" + HexFormat.of().formatHex(id) + "+" + Base64.getEncoder().encodeToString(key);
    }

    private static WebElement awaitMark(By locator, String state) {
        return new WebDriverWait(browser, WAIT).until(d -> {
            List<WebElement> found = d.findElements(locator);
            if (found.isEmpty()) {
                return null;
            }
            String now = found.get(0).getDomAttribute("data-verify");
            if (!"pending".equals(now) && !state.equals(now)) {
                throw new AssertionError("Expected the mark to become " + state + " but it says: " + found.get(0).getText());
            }
            return state.equals(now) ? found.get(0) : null;
        });
    }

    @Test
    @Order(10)
    void showsAWithheldPayloadOnTheEntryAndStillVerifiesIt() {
        HttpLedger http = new HttpLedger(port(base));
        long position = ((Number) http.get("/api/entries/" + AWARD, null).json().get("ledgerPosition")).longValue();
        HttpLedger.Answer withheld = http.post("/api/entries/" + AWARD + "/withholdings", adminToken,
                java.util.Map.of("position", position, "reason", "court order in a test", "reference", "TEST-1"));
        assertThat(withheld.status()).as(withheld.body()).isEqualTo(201);

        open("/?entry=" + AWARD);

        WebElement note = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#entry .withheld")).stream().findFirst().orElse(null));
        assertThat(note.getText()).contains("Payload withheld (TEST-1): court order in a test");
        awaitMark(By.cssSelector("#entry .verify"), "verified");
    }
}
