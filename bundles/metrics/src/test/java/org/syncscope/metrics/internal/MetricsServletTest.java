package org.syncscope.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.syncscope.overview.SiteOverview;
import org.syncscope.testing.Configs;

class MetricsServletTest {

    private final AtomicInteger snapshots = new AtomicInteger();
    private final SiteOverview overview = () -> {
        snapshots.incrementAndGet();
        return Overviews.of(List.of(Overviews.large("demo", 3, 3)));
    };

    private MetricsServlet servlet(Object... keysAndValues) {
        Map<String, Object> p = Configs.fromFile("org.syncscope.metrics.cfg", keysAndValues);
        return new MetricsServlet(overview, Configs.of(MetricsConfig.class, p), p);
    }

    private static HttpFakes.Answer call(MetricsServlet servlet, String method, String accept) throws Exception {
        HttpFakes.Answer answer = new HttpFakes.Answer();
        servlet.service(HttpFakes.request(method, accept), answer.response());
        return answer;
    }

    @Test
    void getAnswersTheTextFormatFromOneSnapshot() throws Exception {
        HttpFakes.Answer a = call(servlet(), "GET", null);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.contentType).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(a.text()).contains("syncscope_input_frequency_hertz{profile=\"demo\",pv=\"SITE:PV0\",stat=\"avg\"} 10.0\n",
                "# TYPE jvm_memory_used_bytes gauge\n");
        assertThat(snapshots).hasValue(1);
    }

    @Test
    void anOpenMetricsRequestGetsTheTextFormatToo() throws Exception {
        // what Prometheus 2.42 sends
        HttpFakes.Answer a = call(servlet(), "GET", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        assertThat(a.status).isEqualTo(200);
        assertThat(a.contentType).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(a.text()).doesNotContain("# EOF");
    }

    @Test
    void everyOtherMethodIs405AndTakesNoSnapshot() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "HEAD", "OPTIONS")) {
            HttpFakes.Answer a = call(servlet(), method, null);
            assertThat(a.status).as(method).isEqualTo(405);
            assertThat(a.headers).containsEntry("Allow", "GET");
            assertThat(a.text()).as(method).isEqualTo(method + " not allowed: /metrics is read-only (GET)\n");
        }
        assertThat(snapshots).hasValue(0);
    }

    @Test
    void includeJvmFalseLeavesTheJvmOut() throws Exception {
        String text = call(servlet("includeJvm", "false"), "GET", null).text();
        assertThat(text).contains("syncscope_profile_pairs{profile=\"demo\"} 3.0").doesNotContain("jvm_", "process_");
    }

    @Test
    void maxPairsPerProfileBoundsThePairs() throws Exception {
        String text = call(servlet("maxPairsPerProfile", "1"), "GET", null).text();
        assertThat(text.lines().filter(l -> l.startsWith("syncscope_pair_valid{"))).hasSize(1);
        assertThat(text).contains("syncscope_profile_pairs_exported{profile=\"demo\"} 1.0");
    }

    @Test
    void aBadEditKeepsThePreviousSettings() {
        MetricsServlet servlet = servlet("maxPairsPerProfile", "5", "includeJvm", "false");
        assertThat(servlet.settings()).isEqualTo(new MetricsSettings(5, false));
        for (Object[] bad : List.of(new Object[] {"maxPairsPerProfile", "many"}, new Object[] {"maxPairsPerProfile", "-1"},
                new Object[] {"includeJvm", "yes"})) {
            Map<String, Object> p = Configs.fromFile("org.syncscope.metrics.cfg", bad);
            servlet.modified(Configs.of(MetricsConfig.class, p), p);
            assertThat(servlet.settings()).as(bad[0] + " = " + bad[1]).isEqualTo(new MetricsSettings(5, false));
        }
        Map<String, Object> good = Configs.fromFile("org.syncscope.metrics.cfg", "maxPairsPerProfile", "7");
        servlet.modified(Configs.of(MetricsConfig.class, good), good);
        assertThat(servlet.settings()).isEqualTo(new MetricsSettings(7, true));
    }

    @Test
    void aBadFileAtStartRunsOnTheDefaults() {
        assertThat(servlet("maxPairsPerProfile", "x").settings()).isEqualTo(MetricsSettings.DEFAULTS);
    }
}
