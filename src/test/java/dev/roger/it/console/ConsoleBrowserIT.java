package dev.roger.it.console;

import static dev.roger.it.console.ConsoleHttp.User.ADMIN;
import static dev.roger.it.console.ConsoleHttp.User.NONE;
import static dev.roger.it.console.ConsoleHttp.User.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.api.PartitionSpec;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.it.console.ConsoleHttp.User;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.NamedClusterQueues;
import dev.roger.it.support.PayaraProcess;
import dev.roger.testing.Await;
import dev.roger.testing.Broker;
import dev.roger.testing.TestBroker;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) driven by Selenium against one Payara Micro node with the RAR, a job
 * application and {@code roger-console.war}, users as in {@link ConsoleIT}. Each action is made by
 * clicking the page and checked where an operator would look: the broker's consumers, the job
 * application's own record of what ran, Info. BASIC credentials go with every request of the page
 * through the DevTools protocol ({@code Network.setExtraHTTPHeaders}), so switching user is one
 * call. Screenshots of the pages land in {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String CLUSTER = "cb" + RUN;
    private static final String NODE = "cb-node-" + RUN;
    /** The partition paused from the page and the one long jobs run in. */
    private static final String P = "cbp-" + RUN;
    /** The partition whose jobs are buried. */
    private static final String B = "cbb-" + RUN;
    /** The partition with 4 workers that makes the rate move. */
    private static final String R = "cbr-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver", "/usr/bin/chromedriver");
    private static final String CHROMIUM = System.getProperty("chromium", "/usr/bin/chromium");

    private static PayaraProcess node;
    private static ConsoleHttp api;
    private static AmqpRogerClient client;
    private static ChromeDriver driver;
    private static String base;
    private static Path done;
    private static Path marker;
    private static int loads;

    private static String q(String name) {
        return CLUSTER + "." + name;
    }

    @BeforeAll
    static void bootANodeAndABrowser() throws Exception {
        assertTrue(Files.isExecutable(Path.of(CHROMEDRIVER)) && Files.isExecutable(Path.of(CHROMIUM)),
                "ConsoleBrowserIT needs Chromium and its driver: apt-get install -y chromium chromium-driver "
                        + "(or -Dchromedriver=... -Dchromium=...)");
        List<String> postBoot = ConsoleHttp.postBootUsers(PayaraMicro.dir().resolve("console-browser-users"));
        done = Files.createTempDirectory("roger-browser-done");
        marker = done.resolve("fail-marker");
        Path app = PayaraMicro.export(Deployments.war("console-browser-jobs", BrowserJobBean.class, BrowserWork.class));
        node = PayaraProcess.start("console-browser", TestBroker.uri(),
                Map.of("nodeName", NODE, "cluster", CLUSTER, "statePersister", "none"), postBoot, app,
                PayaraMicro.dir().resolve("roger-console.war"));
        base = "http://127.0.0.1:" + node.port() + "/roger-console";
        api = new ConsoleHttp(base + "/api");
        client = AmqpRogerClient.builder().settings(AmqpSettings.ofUri(TestBroker.uri())).cluster(CLUSTER).build();
        client.admin().startPartition(NODE, PartitionSpec.parse(P + "[default=1]"));
        client.admin().startPartition(NODE, PartitionSpec.parse(B + "[default=1]"));
        client.admin().startPartition(NODE, PartitionSpec.parse(R + "[default=4]"));
        try (Broker broker = Broker.connect()) {
            Await.until("the node consumes its partitions", WAIT, () -> broker.consumers(q(P + "-default")) == 1
                    && broker.consumers(q(B + "-default")) == 1 && broker.consumers(q(R + "-default")) == 1);
        }

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1440,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Network.enable", Map.of());
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
        NamedClusterQueues.delete(CLUSTER, List.of(P, B, R, "cb_boot"));
        if (done != null) {
            try (var files = Files.list(done)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(done);
        }
    }

    @Test
    void theOverviewShowsTheNodeAndARateThatMovesWhileJobsRun() throws Exception {
        open(ADMIN, "overview");
        waitFor(By.cssSelector("#nodes-table tr[data-key='" + NODE + "']"));
        rateWhenReady();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            jobs.add(work(100, null));
        }
        client.enqueueAll(R, jobs);
        wait(WAIT).until(d -> rate() > 0);
        screenshot("overview");
        Await.until("the 400 jobs ran", WAIT, () -> ran(jobs) == 400);
        wait(WAIT).until(d -> rate() == 0);
    }

    @Test
    void thePartitionsPageShowsAQueuesRateWhileItsJobsRun() throws Exception {
        open(ADMIN, "partitions");
        By rate = By.cssSelector("#partitions-table tr[data-key='" + R + "/default'] td[data-col=succeededRate]");
        waitFor(rate);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            jobs.add(work(100, null));
        }
        client.enqueueAll(R, jobs);
        wait(WAIT).until(d -> number(text(rate)) > 0);
        Await.until("the 400 jobs ran", WAIT, () -> ran(jobs) == 400);
        wait(WAIT).until(d -> number(text(rate)) == 0);
    }

    /** A figure the page shows; "–" (no rate yet) reads as -1. */
    private static double number(String shown) {
        return shown.equals("–") ? -1 : Double.parseDouble(shown.replace(",", ""));
    }

    @Test
    void aQueuePausedFromThePageHasNoConsumerOnTheBroker() throws Exception {
        open(ADMIN, "partitions");
        By row = By.cssSelector("#partitions-table tr[data-key='" + P + "/default']");
        waitFor(row);
        WebElement search = driver.findElement(By.cssSelector("#partitions-table input[type=search]"));
        search.sendKeys(P);
        wait(WAIT).until(d -> d.findElements(By.cssSelector("#partitions-table tbody tr")).size() == 1);
        try (Broker broker = Broker.connect()) {
            assertEquals(1, broker.consumers(q(P + "-default")));
            click(By.cssSelector("#partitions-table tr[data-key='" + P + "/default'] button[data-action=pause]"));
            Await.until("the paused queue has no consumer", WAIT, () -> broker.consumers(q(P + "-default")) == 0);
            wait(WAIT).until(d -> text(By.cssSelector("#partitions-table tr[data-key='" + P + "/default'] td[data-col=state]")).equals("paused"));
            assertEquals(1, broker.consumers(q(R + "-default")), "only that queue");
            screenshot("partitions");
            click(By.cssSelector("#partitions-table tr[data-key='" + P + "/default'] button[data-action=resume]"));
            Await.until("the resumed queue is consumed again", WAIT, () -> broker.consumers(q(P + "-default")) == 1);
        }
    }

    @Test
    void aBuriedJobFoundBySearchIsRetriedFromThePageAndRuns() throws Exception {
        Job job = buryOne();

        open(ADMIN, "buried");
        driver.findElement(By.id("filter-jobId")).sendKeys(job.id());
        driver.findElement(By.id("buried-go")).click();
        By row = By.cssSelector("#buried-table tr[data-key='" + job.id() + "']");
        waitFor(row);
        assertEquals(1, driver.findElements(By.cssSelector("#buried-table tbody tr")).size(), "the search found that job only");
        click(By.cssSelector("#buried-table tr[data-key='" + job.id() + "'] a[data-role=open]"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("buried-detail"), "asked to fail while"));
        assertTrue(text(By.cssSelector("#buried-detail dd[data-field='Error class']")).endsWith("NonRetryableException"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("buried-args"), "failWhileExists"));
        screenshot("buried");
        assertFalse(Files.exists(done.resolve(job.id())));
        click(By.cssSelector("#buried-detail button[data-action=retry]"));
        Await.until("the retried job ran", WAIT, () -> Files.exists(done.resolve(job.id())));
        assertEquals(0, api.get(ADMIN, "/buried?jobId=" + job.id()).object().getInt("matching"), "no longer buried");
    }

    @Test
    void aRunningJobIsCancelledFromThePage() throws Exception {
        Job job = work(120_000, null);
        client.enqueue(P, job);
        open(ADMIN, "running");
        waitFor(By.cssSelector("#running-table tr[data-key='" + job.id() + "']"));
        screenshot("running");
        click(By.cssSelector("#running-table tr[data-key='" + job.id() + "'] button[data-action=cancel]"));
        confirm();
        Await.until("the job no longer runs", WAIT, () -> !runningIds().contains(job.id()));
        assertFalse(Files.exists(done.resolve(job.id())), "it was interrupted, not finished");

        open(ADMIN, "nodes");
        waitFor(By.cssSelector("#node-list [data-node='" + NODE + "'] tr[data-key='" + R + "/default']"));
        screenshot("nodes");
    }

    @Test
    void aViewerSeesNoActionAndIsRefusedIfItCallsOne() throws Exception {
        Job buried = buryOne();
        Job longJob = work(120_000, null);
        client.enqueue(R, longJob);
        try {
            // Control: the selector that finds no action for the viewer finds them for the admin.
            open(ADMIN, "partitions");
            waitFor(By.cssSelector("#partitions-table tr[data-key='" + P + "/default']"));
            assertFalse(actions().isEmpty(), "the admin sees actions");

            open(VIEWER, "partitions");
            waitFor(By.cssSelector("#partitions-table tr[data-key='" + P + "/default']"));
            assertTrue(text(By.id("me")).contains("victor (viewer)"), text(By.id("me")));
            assertEquals(List.of(), actions(), "no action on the partitions page");

            open(VIEWER, "running");
            waitFor(By.cssSelector("#running-table tr[data-key='" + longJob.id() + "']"));
            assertEquals(List.of(), actions(), "no cancel");

            open(VIEWER, "buried");
            driver.findElement(By.id("filter-jobId")).sendKeys(buried.id());
            driver.findElement(By.id("buried-go")).click();
            click(By.cssSelector("#buried-table tr[data-key='" + buried.id() + "'] a[data-role=open]"));
            wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("buried-detail"), "roger-admin only"));
            assertEquals(List.of(), actions(), "no retry or delete");
            assertTrue(driver.findElements(By.id("buried-args")).isEmpty(), "no arguments");

            Object pause = fetch("POST", "api/partitions/" + P + "/queues/default/pause");
            assertEquals(403L, pause, "the viewer's pause is refused");
            Object args = fetch("GET", "api/partitions/" + B + "/queues/default/buried/" + buried.id() + "/args");
            assertEquals(403L, args, "the viewer cannot read arguments");
            assertEquals(200L, fetch("GET", "api/info"), "while it reads Info");
            try (Broker broker = Broker.connect()) {
                Await.holds("the queue stays consumed", Duration.ofSeconds(3), () -> broker.consumers(q(P + "-default")) == 1);
            }
        } finally {
            client.cancel(R, longJob.id());
            api.change(ADMIN, "DELETE", "/partitions/" + B + "/queues/default/buried/" + buried.id());
        }
    }

    @Test
    void thePagesNeedALogin() {
        ConsoleHttp pages = new ConsoleHttp(base);
        assertEquals(401, pages.get(NONE, "/").status());
        assertEquals(401, pages.get(NONE, "/js/app.js").status());
        assertEquals(200, pages.get(VIEWER, "/").status());
        assertTrue(pages.get(VIEWER, "/").body().contains("js/app.js"));
        assertEquals(200, pages.get(ADMIN, "/js/app.js").status());
        assertEquals(403, pages.send(ADMIN, "POST", "/index.html", "", Map.of("X-Roger-Request", "1")).status(),
                "only GET and HEAD on the pages");
    }

    private static Job work(long millis, String failWhileExists) {
        return Job.builder("cb-work").args(new BrowserWork(millis, failWhileExists, done.toString())).build();
    }

    /** A job of partition B that fails while the marker exists, once the cluster's buried log lists it. */
    private static Job buryOne() throws IOException {
        Files.writeString(marker, "fail");
        Job job = work(10, marker.toString());
        client.enqueue(B, job);
        Await.until("the job is buried", WAIT, () -> api.get(ADMIN, "/buried?jobId=" + job.id()).object().getInt("matching") == 1);
        Files.delete(marker);
        return job;
    }

    private static long ran(List<Job> jobs) {
        return jobs.stream().filter(j -> Files.exists(done.resolve(j.id()))).count();
    }

    private static List<String> runningIds() {
        return api.get(ADMIN, "/info").object().getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                .flatMap(n -> n.getJsonArray("running").stream()).map(r -> r.asJsonObject().getString("id")).toList();
    }

    /** Loads a page as the user: the BASIC header goes with every request the page makes. */
    private static void open(User user, String page) {
        String token = Base64.getEncoder().encodeToString((user.name + ":" + user.password).getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + token)));
        driver.get(base + "/?as=" + user.name + "&load=" + (++loads) + "#" + page); // a new query: a full load
        wait(WAIT).until(d -> page.equals(d.findElement(By.tagName("body")).getDomAttribute("data-page"))
                && d.findElement(By.id("me")).getText().startsWith(user.name));
    }

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait w = new WebDriverWait(driver, timeout);
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    private static void waitFor(By by) {
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Clicks what {@code by} finds, finding it again if a poll redrew it meanwhile. */
    private static void click(By by) {
        wait(WAIT).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Answers OK in the confirmation modal. */
    private static void confirm() {
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("modal-ok"))).click();
        wait(WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("modal")));
    }

    private static String text(By by) {
        return wait(WAIT).until(d -> d.findElement(by).getText().strip());
    }

    /** The succeeded-per-second card once the page has two Info answers to compute it from. */
    private static String rateWhenReady() {
        return wait(WAIT).until(d -> {
            String t = d.findElement(By.cssSelector("#rate-succeeded .value")).getText().strip();
            return t.equals("–") ? null : t;
        });
    }

    private static double rate() {
        return Double.parseDouble(rateWhenReady().replace(",", ""));
    }

    /** Every action button and form on the page. */
    private static List<String> actions() {
        return driver.findElements(By.cssSelector("main button[data-action], main #start-form, main #buried-bulk")).stream()
                .map(e -> e.getTagName() + ":" + e.getDomAttribute("data-action")).toList();
    }

    /** A request from the page's own script, as a curious viewer would send it: its status. */
    private static Object fetch(String method, String path) {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[1], {method: arguments[0], headers: {'X-Roger-Request': '1'}})"
                        + ".then(r => done(r.status), e => done(String(e)));", method, path);
    }

    private static void screenshot(String name) throws IOException {
        Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
