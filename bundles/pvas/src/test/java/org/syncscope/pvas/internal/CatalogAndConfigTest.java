package org.syncscope.pvas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.epics.pva.data.PVADouble;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.pvas.testing.PvaServers;
import org.syncscope.testing.Configs;

/** Catalogs served on demand, configuration refusals and the cost of a post; TCP 25540 / UDP 25541. */
class CatalogAndConfigTest {

    private static final long T = 1_760_000_000_123_456_789L;

    /** Has PVAS:CAT:n for every n; posts n when opened. */
    static final class CountingCatalog implements PvCatalog {
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();

        @Override
        public PvSpec find(String name) {
            return name.startsWith("PVAS:CAT:") ? PvSpec.ofDouble(name, "", 1, "on demand") : null;
        }

        @Override
        public Iterable<String> names() {
            return List.of();
        }

        @Override
        public void open(PublishedPv pv) {
            opened.add(pv.spec().name());
            pv.post(Double.parseDouble(pv.spec().name().substring(9)), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }

        @Override
        public void closed(PublishedPv pv) {
            closed.add(pv.spec().name());
        }

        @Override
        public List<PvReading> read(List<String> names) {
            return names.stream().map(n -> (PvReading) null).toList();
        }
    }

    @Test
    void aCatalogPvIsFoundOnDemandOpenedOnceAndWithdrawnWhenIdle() throws Exception {
        CountingCatalog catalog = new CountingCatalog();
        try (PvaServers.Running running = PvaServers.loopback(25540, "catalogIdleSeconds", "0.2");
             PhoebusClient client = new PhoebusClient(running.udpPort())) {
            PvCatalog.Served served = running.publisher().serve(catalog);
            assertThat(running.server().pvNames()).isEmpty();

            assertThat(((PVADouble) PvaInteropTest.field(client.read("PVAS:CAT:42"), "value")).get()).isEqualTo(42);
            assertThat(catalog.opened).containsExactly("PVAS:CAT:42");

            // the read's channel is closed: after the idle time the PV is withdrawn and the catalog told
            await().atMost(Duration.ofSeconds(10)).until(() -> catalog.closed.contains("PVAS:CAT:42"));
            assertThat(running.server().pvNames()).isEmpty();

            assertThat(((PVADouble) PvaInteropTest.field(client.read("PVAS:CAT:7"), "value")).get()).isEqualTo(7);
            served.close();
            assertThat(catalog.closed).contains("PVAS:CAT:7");
        }
    }

    @Test
    void aBadValueIsRefusedNamingTheFileAndKey() {
        Map<String, Object> p = Configs.fromFile("org.syncscope.pvas.cfg", "serverPort", "abc");
        PvaServerComponent c = PvaServerComponents.activate(p);
        try {
            assertThat(c.status()).startsWith("not serving: configuration refused").contains("org.syncscope.pvas.cfg")
                    .contains("serverPort");
        } finally {
            PvaServerComponents.deactivate(c);
        }
        Map<String, Object> q = Configs.fromFile("org.syncscope.pvas.cfg", "bindAddress", "not an address");
        PvaServerComponent d = PvaServerComponents.activate(q);
        try {
            assertThat(d.status()).contains("bindAddress = not an address is not a numeric IP address");
        } finally {
            PvaServerComponents.deactivate(d);
        }
    }

    @Test
    void anUnmonitoredDoublePostAllocatesNothing() {
        PvAccessServer server = new PvAccessServer();   // not started: posting needs no context
        PublishedPv pv = server.publish(PvSpec.ofDouble("PVAS:COST", "", 3, ""));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 100_000; i++) {
            pv.post(i, T + i, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);   // warm
        }
        long before = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            pv.post(i, T + i, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }
        long nanos = System.nanoTime() - start;
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("unmonitored post(double): %.1f ns, %d B per 100 000%n", nanos / 100_000.0, allocated);
        assertThat(allocated).as("bytes allocated by 100 000 unmonitored posts").isLessThan(10_000);
    }
}
