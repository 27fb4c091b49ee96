package uk.crcledger.api.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk recording on the page, in a real browser (see {@link BrowserTestSupport}): a dry run lists the rows' problems
 * in a table, a good file records with the progress bar reaching 100%, and uploading it again records nothing.
 * Writes {@code target/screenshots/import-problems.png} and {@code import-finished.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportBrowserTest extends BrowserTestSupport {

    private static final int ROWS = 300;
    private static final Duration IMPORT_WAIT = Duration.ofSeconds(120);
    private static final String HEADER = "type,crcIds,occurredOn,category,summary,sources.title,sources.documentReference";
    private static Path files;

    @BeforeAll
    static void files() throws IOException {
        files = Files.createTempDirectory("ledger-import-browser");
    }

    @AfterAll
    static void removeFiles() throws IOException {
        deleteQuietly(files);
    }

    private static Path write(String name, String csv) throws IOException {
        return Files.writeString(files.resolve(name), csv, StandardCharsets.UTF_8);
    }

    private static String goodFile() {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("incident-report,hiow,2016-04-").append(String.format("%02d", 1 + i % 28))
                    .append(",staffing,browser import row ").append(i).append(",Napo blog,Napo blog ").append(i)
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static void choose(Path file) {
        open("/");
        signIn();
        WebElement input = browser.findElement(By.id("import-file"));
        input.sendKeys(file.toAbsolutePath().toString());
    }

    private static String status() {
        return browser.findElement(By.id("import-status")).getText();
    }

    @Test
    @Order(1)
    void aDryRunListsTheRowsProblemsAndRecordsNothing() throws IOException {
        choose(write("bad.csv", HEADER + "\r\n"
                + "incident-report,hiow,2016-02-30,staffing,impossible date,Napo blog,ref 1\r\n"
                + "incident-report,hiow,2016-03-01,staffing,a good row,Napo blog,ref 2\r\n"
                + "incident-report,atlantis,2016-03-02,staffing,unknown CRC,Napo blog,ref 3\r\n"));

        browser.findElement(By.id("import-check")).click();

        List<WebElement> problems = new WebDriverWait(browser, WAIT).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#import-problems tbody tr"));
            return rows.size() >= 2 ? rows : null;
        });
        assertThat(problems).extracting(r -> r.findElement(By.cssSelector("td")).getText()).containsExactly("2", "4");
        assertThat(problems.get(0).getText()).contains("occurredOn");
        assertThat(problems.get(1).getText()).contains("unknown CRC atlantis");
        assertThat(browser.findElement(By.id("import-problems")).isDisplayed()).isTrue();
        assertThat(status()).contains("2 problem(s) in 3 rows").contains("Nothing was recorded");
        script("document.getElementById('imports').scrollIntoView()");
        screenshot("import-problems.png");
    }

    @Test
    @Order(2)
    void aGoodFileRecordsWithTheProgressBarReachingAHundredPercent() throws IOException {
        choose(write("good.csv", goodFile()));

        browser.findElement(By.id("import-record")).click();

        new WebDriverWait(browser, IMPORT_WAIT).until(d -> status().contains("Import finished"));
        WebElement bar = browser.findElement(By.id("import-progress"));
        assertThat(bar.isDisplayed()).isTrue();
        assertThat(bar.getDomProperty("value")).isEqualTo("100");
        assertThat(status()).startsWith("100% (" + ROWS + " of " + ROWS + " rows): " + ROWS + " recorded, 0 already");
        assertThat(browser.findElement(By.id("import-problems")).isDisplayed()).isFalse();
        script("document.getElementById('imports').scrollIntoView()");
        screenshot("import-finished.png");
    }

    @Test
    @Order(3)
    void uploadingTheSameFileAgainRecordsNothing() throws IOException {
        choose(write("good-again.csv", goodFile()));

        browser.findElement(By.id("import-record")).click();

        new WebDriverWait(browser, IMPORT_WAIT).until(d -> status().contains("Import finished"));
        assertThat(status()).contains("0 recorded, " + ROWS + " already recorded, 0 failed");
        assertThat(browser.findElement(By.id("import-progress")).getDomProperty("value")).isEqualTo("100");
    }
}
