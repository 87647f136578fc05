package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Selenium through Debian's chromedriver,
 * for the browser tests ({@code *PageIT}). Both paths are given explicitly, so
 * Selenium Manager never looks for (or downloads) a driver or a browser.
 * {@code ./mvnw verify} installs the two packages first when they are missing.
 *
 * <pre>{@code
 * try (Browser alice = Browser.open()) {
 *     alice.get(base, "room.html?room=lobby&name=alice");
 *     alice.waitForText(By.className("conn-text"), "Connected");
 *     alice.screenshot("room");                      // target/screenshots/room.png
 *     assertEquals(List.of(), alice.cspViolations());
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** How long the wait methods wait. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** Where {@link #screenshot(String)} writes; kept by the build as test artifacts. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<String> webSocketUrls = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A desktop-sized window (1280 x 860). */
    public static Browser open() {
        return open(1280, 860);
    }

    /** A browser whose page area is {@code width} x {@code height} CSS pixels, with a fresh profile. */
    public static Browser open(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver); ./mvnw verify installs them when run as root");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("parley-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL); // network events, for webSocketUrls()
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        Browser browser = new Browser(new ChromeDriver(service, options), profile);
        browser.fitViewport(width, height);
        return browser;
    }

    /** Makes the page area (not the window) {@code width} x {@code height}. */
    private void fitViewport(int width, int height) {
        long innerWidth = (Long) script("return window.innerWidth");
        long innerHeight = (Long) script("return window.innerHeight");
        if (innerWidth != width || innerHeight != height) {
            var size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(
                    size.width + width - (int) innerWidth, size.height + height - (int) innerHeight));
        }
        assertEquals(width, ((Long) script("return window.innerWidth")).intValue(), "viewport width");
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code pathAndQuery} relative to the deployment's base URL. */
    public void get(URL base, String pathAndQuery) {
        driver.get(base.toString() + pathAndQuery);
    }

    /** Opens a new tab, switches to it and returns its handle. */
    public String newTab() {
        driver.switchTo().newWindow(WindowType.TAB);
        return driver.getWindowHandle();
    }

    public void switchTo(String windowHandle) {
        driver.switchTo().window(windowHandle);
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public List<String> texts(By by) {
        return findAll(by).stream().map(WebElement::getText).toList();
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Runs a script that ends by calling its last argument (a callback) with the result. */
    public Object scriptAsync(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
    }

    /** Waits up to {@link #WAIT} until {@code condition} returns a non-null, non-false value. */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, WAIT, condition);
    }

    public <T> T waitUntil(String what, Duration wait, Function<WebDriver, T> condition) {
        // The clients redraw lists, so an element found a moment ago may be gone: look again.
        return new WebDriverWait(driver, wait, Duration.ofMillis(50)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Waits until the element's visible text contains {@code text}; returns the element. */
    public WebElement waitForText(By by, String text) {
        return waitUntil("text \"" + text + "\" in " + by, d -> d.findElements(by).stream()
                .filter(e -> e.getText().contains(text)).findFirst().orElse(null));
    }

    /** Makes the pages see {@code prefers-color-scheme: light} or {@code dark}, as a system setting would. */
    public void emulateColorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Saves a PNG of the page area as {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every console message of the browser so far (errors, warnings, CSP reports, page logs). */
    public List<String> console() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return console.stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** The console messages that report a Content-Security-Policy violation. */
    public List<String> cspViolations() {
        return console().stream().filter(m -> m.contains("Content Security Policy")).toList();
    }

    /** Console errors (SEVERE), such as failed requests and uncaught exceptions. */
    public List<String> consoleErrors() {
        return console().stream().filter(m -> m.startsWith(Level.SEVERE.toString())).toList();
    }

    /** The URLs of the WebSockets the pages opened so far, oldest first. */
    public List<String> webSocketUrls() {
        webSocketUrls.addAll(driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(entry -> Json.createReader(new StringReader(entry.getMessage())).readObject().getJsonObject("message"))
                .filter(event -> "Network.webSocketCreated".equals(event.getString("method", "")))
                .map(event -> event.getJsonObject("params").getString("url"))
                .toList());
        return List.copyOf(webSocketUrls);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile fails no test
        }
    }
}
