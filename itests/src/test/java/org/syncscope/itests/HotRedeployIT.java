package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Restarting a Syncscope bundle (as bundle:restart or a redeploy does) leaves no thread behind and
 * brings its PVs back: per thread name (digits ignored), no more threads after three restarts than
 * before, and the demo's PVs readable through Channel Access again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotRedeployIT {

    static final int CA_PORT = 25073;

    private static final List<String> BUNDLES = List.of("org.syncscope.pmc", "org.syncscope.ptpcheck",
            "org.syncscope.camera.sim", "org.syncscope.timeav", "org.syncscope.timestamp", "org.syncscope.syncprofile",
            "org.syncscope.demo", "org.syncscope.eventsystem.sim", "org.syncscope.ca", "org.syncscope.cas");

    @Inject
    private BootFinished bootFinished;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT));
    }

    /** Live threads per name with digits removed ("timeav-DEMO:PV1:SD", "CAJ-#"). */
    /**
     * JDK pools that grow and shrink with load on their own (this test's python runs start
     * "process reaper" threads, Pax Exam's calls RMI connection threads): not a bundle's leak.
     */
    private static final List<String> JDK_POOLS = List.of("process reaper", "RMI TCP Connection",
            "ForkJoinPool.commonPool-worker", "Attach Listener");

    private static Map<String, Long> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> JDK_POOLS.stream().noneMatch(t.getName()::startsWith))
                .collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new, Collectors.counting()));
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn);
    }

    @Test
    public void restartingEachBundleLeaksNoThreadAndRepublishes() throws Exception {
        PyEpicsScript.await("the demo site serving", Duration.ofSeconds(60),
                () -> readable("DEMO:PV1:AvgFreq") && readable("DEMO:PV1:SD:Status") && readable("PTP:CHECK:Verdict"));
        Thread.sleep(3000);   // let every component reach its steady thread count
        Map<String, Long> before = threads();
        // the threads our components own are among those watched
        for (String own : List.of("ptp-monitor", "timeav-DEMO:PV#:SD", "timestamp-driver", "eventsystem-sim-demo")) {
            assertTrue(own + " runs before the restarts: " + before.keySet(), before.containsKey(own));
        }
        for (String bsn : BUNDLES) {
            for (int i = 0; i < 3; i++) {
                Bundle b = bundle(bsn);
                b.stop();
                b.start();
                assertEquals(bsn + " active again", Bundle.ACTIVE, b.getState());
            }
        }
        PyEpicsScript.await("the demo PVs back", Duration.ofSeconds(60),
                () -> readable("DEMO:PV1:AvgFreq") && readable("DEMO:PV1:SD:Status") && readable("PTP:CHECK:Verdict")
                        && readable("TS:Mode"));
        List<String> grown = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            Thread.sleep(1000);
            grown.clear();
            Map<String, Long> after = threads();
            after.forEach((name, n) -> {
                if (n > before.getOrDefault(name, 0L)) {
                    grown.add(name + ": " + before.getOrDefault(name, 0L) + " -> " + n);
                }
            });
        } while (!grown.isEmpty() && System.nanoTime() < deadline);
        assertTrue("threads that outlived their bundle's restarts: " + grown, grown.isEmpty());
    }

    private static boolean readable(String pv) {
        try {
            String out = PyEpicsScript.run(CA_PORT, "import epics\nprint('v=%s' % epics.caget('" + pv + "', timeout=3))\n");
            String v = PyEpicsScript.value(out, "v");
            return !v.equals("None");
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
