package uk.crcledger.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The header's search box in a real browser (see {@link BrowserTestSupport}), on the reference ledger: a
 * query finds a seeded incident, with the word found marked. Always writes
 * {@code target/screenshots/search-results.png}.
 */
class SearchBrowserTest extends BrowserTestSupport {

    private static final String BGSW_SELF_HARM = "incident-2016-01-20-bgsw";

    @Test
    void findsASeededIncidentWithTheWordFoundMarked() {
        // The index is built from the seeded ledger after the app starts; until then search answers 503.
        await().atMost(WAIT).until(() -> http().get("/api/search?q=dreadful", null).status() == 200);
        open("/?crc=west-yorkshire");

        WebElement box = browser.findElement(By.id("search-q"));
        box.sendKeys("dreadful self-harm", Keys.ENTER);
        List<WebElement> hits = new WebDriverWait(browser, WAIT).until(d -> {
            List<WebElement> items = d.findElements(By.cssSelector("#search-hits > li"));
            return items.isEmpty() ? null : items;
        });
        fullPageScreenshot("search-results.png");

        assertThat(browser.getCurrentUrl()).endsWith("/?q=dreadful+self-harm");
        assertThat(browser.findElement(By.id("search-results")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
        assertThat(hits.get(0).getDomAttribute("data-entry-id")).isEqualTo(BGSW_SELF_HARM);
        assertThat(hits.get(0).findElements(By.tagName("mark"))).extracting(WebElement::getText)
                .contains("dreadful", "self", "harm");
        assertThat(browser.findElement(By.id("search-status")).getText()).contains("found");
    }

    @Test
    void aMalformedQueryShowsTheProblemInsteadOfResults() {
        await().atMost(WAIT).until(() -> http().get("/api/search?q=dreadful", null).status() == 200);

        open("/?q=" + java.net.URLEncoder.encode("\"unclosed", java.nio.charset.StandardCharsets.UTF_8));

        assertThat(browser.findElement(By.id("search-status")).getText()).contains("could not be read");
        assertThat(browser.findElements(By.cssSelector("#search-hits > li"))).isEmpty();
    }
}
