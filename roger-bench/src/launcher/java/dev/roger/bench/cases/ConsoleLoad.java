package dev.roger.bench.cases;

import dev.roger.bench.BenchFailure;
import dev.roger.bench.node.PayaraNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an operator waits for in the web console: {@code GET /api/info} over HTTP (what every page
 * polls), and the overview page in headless Chromium from navigation until its nodes table shows a
 * node. The browser is Debian's {@code chromium} with {@code chromium-driver}; without them only the
 * HTTP figure is taken.
 */
final class ConsoleLoad implements AutoCloseable {

    static final String CHROMEDRIVER = System.getProperty("chromedriver", "/usr/bin/chromedriver");
    static final String CHROMIUM = System.getProperty("chromium", "/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** One answer of Info over HTTP. */
    record InfoAnswer(long millis, long bytes) {
    }

    private final PayaraNode.Console console;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private ChromeDriver driver;

    ConsoleLoad(PayaraNode.Console console) {
        this.console = console;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (console.user() + ":" + console.password()).getBytes(StandardCharsets.UTF_8));
    }

    static boolean browserAvailable() {
        return Files.isExecutable(Path.of(CHROMEDRIVER)) && Files.isExecutable(Path.of(CHROMIUM));
    }

    InfoAnswer info() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(console.url() + "/api/info"))
                .header("Authorization", authorization).timeout(TIMEOUT).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = dev.roger.bench.node.Calls.within(http, request, HttpResponse.BodyHandlers.ofByteArray());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() != 200) {
                throw new BenchFailure("GET " + console.url() + "/api/info answered " + response.statusCode());
            }
            return new InfoAnswer(millis, response.body().length);
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new BenchFailure("GET " + console.url() + "/api/info failed: " + e.getMessage(), e);
        }
    }

    /** Milliseconds from opening the overview (a fresh page load) until its nodes table lists a node. */
    long overview() {
        if (driver == null) {
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                            "--window-size=1440,900");
            driver = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build(), options);
            driver.executeCdpCommand("Network.enable", Map.of());
            // BASIC on every request of the page, as a browser does after its login prompt.
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", authorization)));
        }
        driver.get("about:blank");
        long start = System.nanoTime();
        driver.get(console.url() + "/#overview");
        new WebDriverWait(driver, TIMEOUT).until(d -> !d.findElements(By.cssSelector("#nodes-table tr[data-key]")).isEmpty());
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
        }
    }
}
