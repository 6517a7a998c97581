package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.awaitility.Awaitility;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The metrics end to end: feature {@code syncscope-metrics} installed in the booted demo site,
 * {@code GET /metrics} on Karaf's HTTP service parsed as text format 0.0.4, and a real Prometheus
 * scraping it every second and answering queries on what it stored.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsIT {

    static final int HTTP_PORT = 27100;
    static final int CA_PORT = 27101;
    static final int PROMETHEUS_PORT = 27102;
    static final String JOB = "syncscope";
    static final String PV1_AVG = "syncscope_input_frequency_hertz{profile=\"demo\",pv=\"DEMO:PV1\",stat=\"avg\"}";

    /** A sample line of text format 0.0.4: name, optional labels, a value (no timestamp: we write none). */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? (-?[0-9.]+(E-?[0-9]+)?|[+-]Inf)");
    private static final Pattern TYPE = Pattern.compile("# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (gauge|counter|untyped|summary|histogram)");
    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    @Inject
    private BootFinished bootFinished;

    @Inject
    private FeaturesService features;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT),
                editConfigurationFilePut(SyncscopeServer.HTTP_CFG, "org.osgi.service.http.port", Integer.toString(HTTP_PORT)),
                // awaitility in the container: the very jars of this test's class path (it needs hamcrest 2)
                bundle(jarOf(org.hamcrest.Matchers.class)),
                bundle(jarOf(Awaitility.class)));
    }

    private static String jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    @Before
    public void installMetrics() throws Exception {
        if (!features.isInstalled(features.getFeature("syncscope-metrics"))) {
            features.installFeature("syncscope-metrics", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        await("/metrics served").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/metrics").statusCode() == 200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of {@code series} (name and labels exactly as written) in a scrape, or empty. */
    private static OptionalDouble value(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1))).findFirst();
    }

    @Test
    public void metricsParseAsTextFormatAndCarryTheDemoRate() throws Exception {
        HttpResponse<String> first = get("/metrics");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", first.headers().firstValue("Content-Type").orElse(null));
        List<String> bad = first.body().lines().filter(l -> !SAMPLE.matcher(l).matches() && !TYPE.matcher(l).matches()
                && !HELP.matcher(l).matches()).toList();
        assertEquals("lines that are not text format 0.0.4", List.of(), bad);
        for (String line : List.of("# TYPE syncscope_input_frequency_hertz gauge", "# TYPE jvm_memory_used_bytes gauge",
                "syncscope_input_connected{profile=\"demo\",pv=\"DEMO:PV1\"} 1.0")) {
            assertTrue(line + " in:\n" + first.body(), first.body().lines().anyMatch(line::equals));
        }

        // the demo posts DEMO:PV1 at 10 Hz; a stall while Karaf booted may sit in the window for a while
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            await("DEMO:PV1's average near 10 Hz").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(get("/metrics").body());
                        OptionalDouble avg = value(last.get(), PV1_AVG);
                        return avg.isPresent() && Math.abs(avg.getAsDouble() - 10) <= 0.5;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("last scrape:\n" + last.get().lines().filter(l -> l.contains("DEMO:PV1")).toList(), e);
        }
    }

    @Test
    public void otherMethodsAre405() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("POST not allowed: /metrics is read-only (GET)\n", post.body());
    }

    @Test
    public void aRealPrometheusScrapesTheDemoRate() throws Exception {
        Path folder = Paths.get(System.getProperty("karaf.base"), "prometheus");
        try (PrometheusServer prometheus = PrometheusServer.start(folder, PROMETHEUS_PORT, JOB, "127.0.0.1:" + HTTP_PORT)) {
            try {
                await("Prometheus scraped /metrics: up == 1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> prometheus.query("up{job=\"" + JOB + "\"}").orElse(0) == 1);
                String query = "syncscope_input_frequency_hertz{job=\"" + JOB + "\",profile=\"demo\",pv=\"DEMO:PV1\",stat=\"avg\"}";
                await("Prometheus has DEMO:PV1's average near 10 Hz").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            OptionalDouble avg = prometheus.query(query);
                            return avg.isPresent() && Math.abs(avg.getAsDouble() - 10) <= 0.5;
                        });
                // and a counter Prometheus can take a rate of: DEMO:PV1's updates grow at about 10/s
                await("rate of DEMO:PV1's updates near 10/s").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            OptionalDouble rate = prometheus.query("rate(syncscope_input_updates_total{job=\"" + JOB
                                    + "\",profile=\"demo\",pv=\"DEMO:PV1\"}[10s])");
                            return rate.isPresent() && Math.abs(rate.getAsDouble() - 10) <= 1;
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\nPrometheus log:\n" + prometheus.log(), e);
            }
        }
    }
}
