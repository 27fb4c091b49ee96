package uk.crcledger.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.crcledger.api.testing.HttpLedger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overview at {@code /} in a real browser (see {@link BrowserTestSupport}): the chart drawn inline with a bar per
 * contract period and a mark per entry for every CRC, its rows opening timelines, its marks reachable by keyboard,
 * the as-of and filter controls, and the page at phone width. Always writes {@code target/screenshots/}
 * {@code overview-desktop.png} and {@code overview-phone.png}.
 */
class OverviewBrowserTest extends BrowserTestSupport {

    @Test
    void drawsEveryCrcsContractPeriodsAndMarksBesideTheTableAndTheProviders() {
        open("/");
        overviewScreenshot("overview-desktop.png");
        Map<String, Object> overview = http().get("/api/overview", null).json();

        assertThat(browser.findElement(By.id("overview")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
        List<WebElement> rows = browser.findElements(By.cssSelector("#overview-chart svg g.crc"));
        assertThat(rows).hasSize(21);
        for (Map<String, Object> crc : list(overview, "crcs")) {
            WebElement row = browser.findElement(By.cssSelector("g.crc[data-crc-id='" + crc.get("crcId") + "']"));
            assertThat(row.findElements(By.cssSelector("rect.contract"))).extracting(r -> r.getDomAttribute(
                            "data-provider-id"))
                    .containsExactlyElementsOf(list(crc, "contracts").stream().map(c -> (String) c.get("providerId"))
                            .toList());
            assertThat(row.findElements(By.cssSelector("a.mark"))).extracting(m -> m.getDomAttribute("data-entry-id"))
                    .containsExactlyElementsOf(list(crc, "marks").stream().map(m -> (String) m.get("entryId")).toList());
        }
        // Every kind of mark is on the chart, and a finding carries its rating.
        assertThat(browser.findElements(By.cssSelector("svg a.mark"))).extracting(m -> m.getDomAttribute("data-type"))
                .contains("job-cut-announcement", "inspection-finding", "incident-report");
        assertThat(browser.findElement(By.cssSelector("a.mark[data-entry-id='finding-2019-02-15-ddc']"))
                .getDomAttribute("data-rating")).isEqualTo("inadequate");
        // The table says the same in words, and the providers are compared beside it.
        assertThat(browser.findElements(By.cssSelector("#overview-table tbody tr"))).hasSize(21);
        assertThat(browser.findElement(By.cssSelector("#overview-table tr[data-crc-id='ddc']")).getText())
                .contains("Working Links: 2015-02-01 to 2019-02-15 (transferred)", "2019-02-15, inadequate");
        assertThat(browser.findElements(By.cssSelector("#overview-providers tbody tr"))).hasSize(8);
        assertThat(browser.findElement(By.cssSelector("#overview-providers tr[data-provider-id='working-links']"))
                .getText()).contains("Working Links", "3");
        assertThat(browser.findElement(By.id("overview-status")).getText()).startsWith("21 CRCs, ");
    }

    @Test
    void aClickOnACrcsRowOpensItsTimeline() {
        open("/");

        browser.findElement(By.cssSelector("g.crc[data-crc-id='west-yorkshire'] text.crc-name")).click();

        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("/?crc=west-yorkshire"));
        assertThat(entries()).isNotEmpty();
        assertThat(browser.findElement(By.id("view-title")).getText()).contains("West Yorkshire");
        assertThat(browser.findElement(By.id("overview")).isDisplayed()).isFalse();
        // Back returns to the overview.
        browser.navigate().back();
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("overview")).isDisplayed());
    }

    @Test
    void tabbingReachesAMarkAndTheDetailBoxShowsItsEntry() {
        open("/");
        script("document.getElementById('overview-clear').focus()");

        WebElement focused = null;
        for (int i = 0; i < 10 && focused == null; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement active = browser.switchTo().activeElement();
            if (active.getDomAttribute("class") != null && active.getDomAttribute("class").contains("mark")) {
                focused = active;
            }
        }

        assertThat(focused).as("a mark reached with the Tab key").isNotNull();
        String entryId = focused.getDomAttribute("data-entry-id");
        String crcId = (String) script("return arguments[0].closest('g.crc').dataset.crcId", focused);
        // The mark as its row has it: an entry about several CRCs concerns each one's holder that day.
        Map<String, Object> mark = list(list(http().get("/api/overview", null).json(), "crcs").stream()
                .filter(crc -> crcId.equals(crc.get("crcId"))).findFirst().orElseThrow(), "marks").stream()
                .filter(m -> entryId.equals(m.get("entryId"))).findFirst().orElseThrow();
        String summary = (String) mark.get("summary");
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("overview-detail")).getText().contains(summary));
        assertThat(browser.findElement(By.id("overview-detail")).getText())
                .contains((String) mark.get("occurredOn"), (String) mark.get("providerName"));
        assertThat(browser.findElement(By.id("overview-detail")).getDomAttribute("aria-live")).isEqualTo("polite");
        script("arguments[0].scrollIntoView({block: 'center'})", focused);
        screenshot("overview-focused-mark.png");

        new Actions(browser).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("/?entry=" + entryId));
    }

    @Test
    void theAsOfControlShowsTheLedgerAsItStoodBeforeAnEntryWasRecorded() {
        // An instant after everything recorded so far, and an entry recorded after it (the control takes seconds).
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(before.plusSeconds(1)));
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("crcIds", List.of("essex"));
        incident.put("occurredOn", "2017-06-01");
        incident.put("category", "staffing");
        incident.put("summary", "Overview browser test: caseloads over 100");
        incident.put("sources", List.of(HttpLedger.source("Napo news")));
        HttpLedger.Answer recorded = http().post("/api/incident-reports", adminToken, incident);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String entryId = (String) recorded.json().get("entryId");
        By newMark = By.cssSelector("a.mark[data-entry-id='" + entryId + "']");

        open("/");
        assertThat(browser.findElements(newMark)).hasSize(1);

        script("document.getElementById('overview-asof').value = instantToLocalInput(arguments[0])", before.toString());
        browser.findElement(By.id("overview-apply")).click();
        awaitDrawn("asOf=");

        assertThat(browser.getCurrentUrl()).contains("asOf=");
        assertThat(browser.findElements(By.cssSelector("svg g.crc"))).hasSize(21);
        assertThat(browser.findElements(newMark)).isEmpty();
        assertThat(browser.findElement(By.id("overview-status")).getText()).contains("as the ledger stood at");

        // The permalink reloads to the same moment.
        browser.navigate().refresh();
        waitUntilReady();
        assertThat(browser.findElements(newMark)).isEmpty();
        assertThat(browser.findElement(By.id("overview-asof")).getDomProperty("value")).isNotEmpty();
    }

    @Test
    void narrowsToOneOwnerAndOneKindOfMarkThroughItsControls() {
        open("/");

        new Select(browser.findElement(By.id("overview-owner"))).selectByValue("seetec");
        new Select(browser.findElement(By.id("overview-type"))).selectByValue("inspection-finding");
        browser.findElement(By.id("overview-apply")).click();
        awaitDrawn("type=inspection-finding&owner=seetec");

        assertThat(browser.findElements(By.cssSelector("svg g.crc"))).extracting(r -> r.getDomAttribute("data-crc-id"))
                .containsExactlyInAnyOrder("kss", "bgsw", "ddc", "wales");
        assertThat(browser.findElements(By.cssSelector("svg a.mark"))).isNotEmpty()
                .allMatch(m -> "inspection-finding".equals(m.getDomAttribute("data-type")));
        assertThat(browser.findElements(By.cssSelector("#overview-table tbody tr"))).hasSize(4);
    }

    @Test
    void fitsAPhoneScreenWithTheChartScrollingInItsOwnBox() {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(PHONE);
        try {
            open("/");
            overviewScreenshot("overview-phone.png");

            assertThat(((Number) script("return document.documentElement.scrollWidth")).longValue())
                    .isLessThanOrEqualTo(((Number) script("return document.documentElement.clientWidth")).longValue());
            WebElement box = browser.findElement(By.id("overview-chart"));
            assertThat(((Number) script("return arguments[0].scrollWidth - arguments[0].clientWidth", box)).longValue())
                    .as("the chart scrolls inside its box").isPositive();
            Object unlabelled = script("return [...document.querySelectorAll('input, select, textarea')]"
                    + ".filter(e => e.offsetParent !== null && e.labels.length === 0).map(e => e.id || e.name)");
            assertThat((List<?>) unlabelled).isEmpty();
            // The table's cells say which column they are in once its header is out of sight.
            assertThat(script("return getComputedStyle(document.querySelector('#overview-table td'), '::before')"
                    + ".content")).isEqualTo("\"Owners: \"");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    /**
     * The overview from its heading through the chart and the providers compared, in a window tall enough for them
     * (the table of every CRC below runs to many screens).
     */
    private static void overviewScreenshot(String name) {
        Dimension window = browser.manage().window().getSize();
        long height = ((Number) script("const top = document.getElementById('overview').getBoundingClientRect().top;"
                + "return document.getElementById('overview-table-title').getBoundingClientRect().top - top")).longValue();
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 160, 4_000)));
        try {
            script("window.scrollTo(0, document.getElementById('overview').getBoundingClientRect().top + scrollY)");
            screenshot(name);
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    /** Waits for the overview drawn for a query holding {@code query} (its parameters as the page puts them). */
    private static void awaitDrawn(String query) {
        new WebDriverWait(browser, WAIT).until(d -> "ready".equals(script(
                "return document.getElementById('overview').dataset.state")) && String.valueOf(script(
                "return document.getElementById('overview').dataset.query")).contains(query));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> object, String field) {
        return (List<Map<String, Object>>) object.get(field);
    }
}
