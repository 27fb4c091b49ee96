package uk.crcledger.api.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every browser test shares: one app started with the reference data and one Debian chromium driven through
 * Debian's chromedriver (never a downloaded one), started once for all browser test classes in the JVM and closed
 * when the run ends. Screenshots go to {@code target/screenshots}; a failing test also writes
 * {@code failure-<test>.png}.
 * <p>
 * The page is served with its production headers (Content-Security-Policy and the rest), so every feature the
 * tests drive works under them.
 */
@ExtendWith(BrowserTestSupport.SharedSession.class)
abstract class BrowserTestSupport {

    static final Path CHROMIUM = Path.of(System.getProperty("ledger.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ledger.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Dimension DESKTOP = new Dimension(1200, 1000);
    static final Dimension PHONE = new Dimension(390, 844);

    static WebDriver browser;
    static String base;
    static String adminToken;
    static Path dataDir;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                screenshot("failure-" + context.getRequiredTestMethod().getName() + ".png");
            }
        }
    };

    @BeforeAll
    static void desktopWindow() {
        browser.manage().window().setSize(DESKTOP);
    }

    /** The app and the browser, one pair per JVM, kept in JUnit's root store so they are closed once at the end. */
    static final class SharedSession implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            Session session = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Session.class, key -> Session.start(), Session.class);
            browser = session.browser;
            base = session.base;
            adminToken = session.adminToken;
            dataDir = session.dataDir;
        }
    }

    record Session(ConfigurableApplicationContext app, WebDriver browser, String base, String adminToken,
                   Path dataDir, Path profileDir) implements ExtensionContext.Store.CloseableResource {

        static Session start() {
            assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                    .as("The browser tests need Debian's chromium at %s and chromedriver at %s. Install them with: "
                            + "sudo apt-get install -y chromium chromium-driver (ledger-api's build does this unless -Dledger.browser.install.skip=true)",
                            CHROMIUM, CHROMEDRIVER)
                    .isTrue();
            try {
                Path dataDir = Files.createTempDirectory("ledger-web-test");
                Path profileDir = Files.createTempDirectory("ledger-web-chromium");
                ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                        .run("--server.port=0", "--ledger.data-dir=" + dataDir, "--ledger.tlog.checkpoint-interval=100ms");
                String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
                String adminToken = Files.readString(dataDir.resolve("admin.token")).trim();

                // Never let Selenium Manager look for or download a browser or driver.
                System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM.toFile());
                options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1200,1000", "--user-data-dir=" + profileDir);
                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
                WebDriver browser = new ChromeDriver(service, options);
                browser.manage().window().setSize(DESKTOP);
                return new Session(app, browser, base, adminToken, dataDir, profileDir);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                browser.quit();
            } finally {
                app.close();
                deleteQuietly(profileDir);
                deleteQuietly(dataDir);
            }
        }
    }

    static HttpLedger http() {
        return new HttpLedger(port(base));
    }

    static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    static void openAt(String origin, String path) {
        browser.get(origin + path);
        waitUntilReady();
    }

    static void open(String path) {
        browser.get(base + path);
        waitUntilReady();
    }

    /** The page sets {@code body[data-ready]} once its script has drawn the route it was opened on. */
    static void waitUntilReady() {
        new WebDriverWait(browser, WAIT).until(d -> "true".equals(
                ((JavascriptExecutor) d).executeScript("return document.body.dataset.ready || null")));
    }

    static List<WebElement> entries() {
        return new WebDriverWait(browser, WAIT).until(d -> {
            List<WebElement> items = d.findElements(By.cssSelector("#timeline > li"));
            return items.isEmpty() ? null : items;
        });
    }

    static void signIn() {
        if (browser.findElement(By.id("staff-forms")).isDisplayed()) {
            return;
        }
        browser.findElement(By.id("token")).sendKeys(adminToken);
        browser.findElement(By.id("signin-button")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("record")));
    }

    /** Date inputs take keys in the browser's locale format; the value property is the ISO date everywhere. */
    static void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), value);
    }

    static Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** The whole page, not only the window: the window grows to the page's height for the shot. */
    static void fullPageScreenshot(String name) {
        Dimension window = browser.manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 150, 10_000)));
        try {
            screenshot(name);
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save screenshot " + name + ": " + e);
        }
    }

    static void deleteQuietly(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
