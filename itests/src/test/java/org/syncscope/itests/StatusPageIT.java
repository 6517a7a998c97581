package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page of the shipped server in a real browser (Debian's Chromium, headless, through
 * its chromedriver): the page shows the values the PVs carry, its plots grow with each push, and
 * an input that stops shows as DISCONNECTED. Screenshots of each state go to
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageIT {

    private static final ShippedServer.Ports PORTS = new ShippedServer.Ports(27201, 27202, 27203, 27210, 27206, 27207);
    private static final int HTTP_PORT = 27220;
    private static final int CHROMEDRIVER_PORT = 27221;
    private static final String PAGE = "http://127.0.0.1:" + HTTP_PORT + "/syncscope/";
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private ShippedServer server;
    private ChromeDriverService chromedriver;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        server = ShippedServer.unpack("status-page-server", PORTS);
        // pvAccess in this test's range too (ShippedServer puts it 1000 above the CA port)
        server.setKey("org.syncscope.pvas.cfg", "serverPort", 27211);
        server.setKey("org.syncscope.pvas.cfg", "broadcastPort", 27212);
        server.setKey("org.syncscope.pvas.cfg", "beaconAddrList", "127.0.0.1:27213");
        server.setKey("org.syncscope.pva.cfg", "addressList", "127.0.0.1:27212");
        server.setKey("org.syncscope.pva.cfg", "broadcastPort", 27213);
        server.setHttpPort(HTTP_PORT);
        server.start();   // the shipped server boots syncscope-statuspage
        await("the status page answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> get("api/overview").statusCode() == 200);

        Path profile = Paths.get("target", "chromium-profile").toAbsolutePath();
        deleteTree(profile);
        Files.createDirectories(SCREENSHOTS);
        // the Debian driver and browser, named explicitly: Selenium Manager has nothing to look up or download
        chromedriver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingPort(CHROMEDRIVER_PORT)
                .withLogFile(Paths.get("target", "chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,3400", "--user-data-dir=" + profile);
        browser = new ChromeDriver(chromedriver, options);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (chromedriver != null) {
            chromedriver.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void thePageShowsTheAverageFrequencyThePvCarries() throws Exception {
        browser.get(PAGE);
        String avgHz = "td[data-profile='demo'][data-pv='DEMO:PV1'][data-field='avgHz']";
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> text(avgHz).matches("\\d+\\.\\d{3}"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "open".equals(js("return document.getElementById('stream').dataset.state;")));

        // The page's value and the PV's, read one right after the other. While the server warms up
        // the average still moves by more than 0.01 between two reads, so wait for a pair that agrees;
        // another field (MinFreq 9.5, MaxFreq 10.6) never would.
        double[] last = new double[2];
        await("DEMO:PV1 avgHz on the page = DEMO:PV1:AvgFreq over CA ± 0.01").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    String ca = PyEpicsScript.run(PORTS.channelAccess(),
                            "import epics\nprint('avg=%r' % epics.caget('DEMO:PV1:AvgFreq', timeout=10))");
                    last[0] = Double.parseDouble(PyEpicsScript.value(ca, "avg"));
                    last[1] = Double.parseDouble(text(avgHz));
                    return Math.abs(last[0] - last[1]) <= 0.01;
                });
        assertThat(last[0]).as("DEMO:PV1:AvgFreq over Channel Access").isCloseTo(10.0, within(0.5)); // the 10 Hz PV, not PV2 at 5 Hz
        assertThat(last[1]).as("avgHz on the page").isCloseTo(last[0], within(0.01));
        assertThat(text("td[data-profile='demo'][data-pv='DEMO:PV1'][data-field='connected']")).isEqualTo("connected");
    }

    @Test
    @Order(2)
    void thePlotsDrawPointsAndGrowWithEachPush() throws Exception {
        browser.get(PAGE);
        String length = "var p = window.statusPage && window.statusPage.plots['profile:demo:freq'];"
                + "return p ? p.data[0].length : 0;";
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        long first = wait.until(b -> {
            long n = ((Number) ((JavascriptExecutor) b).executeScript(length)).longValue();
            return n >= 2 ? n : null;
        });
        wait.until(b -> ((Number) ((JavascriptExecutor) b).executeScript(length)).longValue() >= first + 2);
        // the points drawn are the snapshot's: 10 Hz InstantFreq of DEMO:PV1, the plot's first series
        Object latest = ((JavascriptExecutor) browser).executeScript(
                "var d = window.statusPage.plots['profile:demo:freq'].data; return d[1][d[1].length - 1];");
        assertThat(((Number) latest).doubleValue()).isCloseTo(10.0, within(0.5));
        WebElement canvas = browser.findElement(By.cssSelector("#plot-profile_demo_freq canvas"));
        assertThat(canvas.getSize().getWidth()).isGreaterThan(100);
        // the pair plots and the histogram are there too
        assertThat(browser.findElements(By.cssSelector("#plot-profile_demo_pairs canvas"))).isNotEmpty();
        wait.until(b -> !b.findElements(By.cssSelector("#plot-profile_demo_hist canvas")).isEmpty());
        screenshot("status-page.png");
    }

    @Test
    @Order(3)
    void anInputThatStopsShowsAsDisconnected() throws Exception {
        browser.get(PAGE);
        String pv3 = "#conn-demo-DEMO_PV3";
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(b -> text(pv3).equals("connected"));

        // the demo IOC stops serving DEMO:PV3; the demo profile's input of it disconnects
        server.console("config:edit org.syncscope.demo\nconfig:property-set pvs \"DEMO:PV1@10, DEMO:PV2@5+30\"\nconfig:update");
        wait.until(b -> text(pv3).equals("DISCONNECTED"));
        // read in one script: the tables are redrawn with every push
        @SuppressWarnings("unchecked")
        Map<String, Object> cell = (Map<String, Object>) js("var c = document.querySelector(arguments[0]);"
                + "return {cls: c.className, connected: c.dataset.connected, bg: getComputedStyle(c).backgroundColor,"
                + " health: document.querySelector(\"#health-table tr[data-profile='demo']\").dataset.health,"
                + " pv1: document.querySelector('#conn-demo-DEMO_PV1').textContent};", pv3);
        assertThat(cell).containsEntry("connected", "false").containsEntry("bg", "rgb(212, 42, 42)")
                .containsEntry("health", "bad")
                // the others run on
                .containsEntry("pv1", "connected");
        assertThat((String) cell.get("cls")).contains("disconnected");
        screenshot("status-page-disconnected.png");
    }

    @Test
    @Order(4)
    void writesAreRefusedAndUnknownPathsAre404() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(PAGE + "api/overview"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> overview = get("api/overview");
        assertThat(overview.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        // what one push costs on the wire for the demo site (README)
        System.out.println("api/overview of the demo site: " + overview.body().length() + " bytes");
        HttpResponse<String> missing = get("nosuch");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).startsWith("no such page: /syncscope/nosuch");
    }

    /** The text of the first element {@code css} selects, read in one script ("" while there is none). */
    private String text(String css) {
        Object t = js("var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
        return (String) t;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(PAGE + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
