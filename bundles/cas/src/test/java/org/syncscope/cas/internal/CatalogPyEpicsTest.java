package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.cas.testing.CaServers;

/** The EPICS C client library (through pyepics) finds, reads and monitors PVs made on demand (port 25441). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogPyEpicsTest {

    private static final int PORT = 25441;
    private CaServers.Running server;
    private PyEpics pyepics;
    private final List<PvCatalog.Served> served = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        pyepics = new PyEpics(PORT);
        server = CaServers.loopback(PORT);
    }

    @AfterEach
    void withdraw() {
        served.forEach(PvCatalog.Served::close);
        served.clear();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Only names a client asked for are opened: a publisher that published the catalog in advance opens all at once. */
    private ComputedCatalog serve(String prefix) {
        ComputedCatalog catalog = new ComputedCatalog(prefix, 1000);
        served.add(server.publisher().serve(catalog));
        assertThat(catalog.opened).isEmpty();
        return catalog;
    }

    @Test
    void libcaReadsAComputedNameWithTheValueOpenPosted() throws Exception {
        ComputedCatalog catalog = serve("PYREAD");
        String name = catalog.name(123, 998);
        Map<String, String> r = pyepics.run(60, "read", name);
        assertThat(r.get("value")).as(r.get("_output")).isEqualTo("123998.0");
        assertThat(r.get("severity")).as("not UDF/INVALID").isEqualTo("0");
        assertThat(r.get("units")).isEqualTo("ns");
        assertThat(Long.parseLong(r.get("posixseconds"))).isEqualTo(ComputedCatalog.T / 1_000_000_000L);
        assertThat(catalog.opened).containsExactly(name);
    }

    @Test
    void libcaDoesNotFindANameTheCatalogDoesNotHave() throws Exception {
        ComputedCatalog catalog = serve("PYMISS");
        Map<String, String> r = pyepics.run(60, "read", "PYMISS:IN998_vs_IN123:Diff");
        assertThat(r.get("error")).as(r.get("_output")).isEqualTo("not connected");
        assertThat(catalog.opened).isEmpty();
    }

    @Test
    void libcaMonitorGetsThePostsMadeWhileItListens() throws Exception {
        ComputedCatalog catalog = serve("PYMON");
        String name = catalog.name(5, 6);
        AtomicLong posted = new AtomicLong(100_000);   // above the initial 5006: every post increases
        ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor();
        poster.scheduleAtFixedRate(() -> catalog.post(name, posted.incrementAndGet(),
                ComputedCatalog.T + posted.get()), 0, 20, TimeUnit.MILLISECONDS);
        try {
            Map<String, String> r = pyepics.run(60, "monitor", name, "3");
            long received = Long.parseLong(r.getOrDefault("updates", "0"));
            long first = Long.parseLong(r.getOrDefault("first", "0"));
            long last = Long.parseLong(r.getOrDefault("last", "0"));
            // the first update is the value at connect; after it every post the catalog made reaches libca, in order
            assertThat(last).as(r.get("_output")).isGreaterThan(100_000);
            assertThat(received).as(r.get("_output")).isGreaterThanOrEqualTo((last - Math.max(first, 100_000)) * 95 / 100);
            assertThat(r.get("not_increasing")).as(r.get("_output")).isEqualTo("0");
            assertThat(catalog.opened).containsExactly(name);
        } finally {
            poster.shutdownNow();
        }
    }
}
