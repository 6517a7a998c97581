package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.cm.ConfigurationAdmin;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;

/**
 * One overloaded profile beside the demo profile, in a real Karaf over real Channel Access: it
 * drops and counts its own updates, the demo profile keeps its rates within 1 % and its inputs
 * never disconnect, and removing the overloaded profile withdraws its PVs at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProfileIsolationIT {

    static final int CA_PORT = 25080;
    /**
     * 300 inputs = 44 850 pairs; at 20 Hz each that is 6 000 updates/s touching 299 pairs each, a few
     * µs per update: about 3 % of a core, so the load profile is held to 1 % ({@code cpuPercent}) to
     * overload it (a profile now takes 1 000 PVs x 10 Hz on less than a core).
     */
    static final int LOAD_PVS = 300;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    @Filter("(protocol=ca)")
    private PvPublisher publisher;

    @Inject
    @Filter("(protocol=ca)")
    private PvSource source;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT));
    }

    private ProfileConsole console;

    @Before
    public void console() {
        console = new ProfileConsole(sessionFactory, publisher, source);
    }

    @Test
    public void anOverloadedProfileHurtsNeitherTheDemoProfileNorTheClientAndLeavesAtOnce() throws Exception {
        List<PublishedPv> load = IntStream.range(0, LOAD_PVS)
                .mapToObj(i -> publisher.publish(PvSpec.ofDouble("LOAD:" + i, "", 0, "load input"))).toList();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger demoDisconnects = new AtomicInteger();
        Subscription demoWatch = source.subscribe("DEMO:PV1", new PvListener() {
            @Override
            public void onUpdate(PvUpdate update) {
            }

            @Override
            public void onConnectionChanged(String pvName, boolean connected) {
                if (!connected) {
                    demoDisconnects.incrementAndGet();
                }
            }
        });
        org.osgi.service.cm.Configuration cfg = null;
        try {
            PyEpicsScript.await("the demo profile at its rates", Duration.ofSeconds(120), () -> console.demoOffBy().isEmpty());
            ticker.scheduleAtFixedRate(() -> {
                Instant now = Instant.now();
                long t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                for (PublishedPv pv : load) {
                    pv.post(new PvValue.DoubleValue(1), t, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            cfg = configAdmin.getFactoryConfiguration("org.syncscope.syncprofile", "load", "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("pvs", IntStream.range(0, LOAD_PVS).mapToObj(i -> "LOAD:" + i).collect(Collectors.joining(",")));
            props.put("window", 10);
            props.put("prefix", "LOAD-OUT:");
            props.put("queueCapacity", 100);
            props.put("cpuPercent", 1);
            cfg.update(props);

            PyEpicsScript.await("the load profile dropping updates", Duration.ofSeconds(120), () -> console.dropped("load") > 1_000);
            String list = console.execute("syncprofile:list");
            assertTrue(list, list.lines().anyMatch(l -> l.contains("load") && l.contains("/100")));
            PyEpicsScript.await("dropped updates served with an alarm", Duration.ofSeconds(10), () -> {
                try {
                    PvUpdate u = source.get("SYNCPROFILE:load:DroppedUpdates", Duration.ofSeconds(5));
                    return u.severity() == AlarmSeverity.MINOR && ((PvValue.LongValue) u.value()).value() > 0;
                } catch (Exception notYet) {
                    return false;
                }
            });

            // Building 44 850 pairs takes the load profile's thread a second or two of
            // allocation, and the collector's pauses delay the demo IOC's own timer (it shares the
            // JVM), which shows in its AvgFreq until the window forgets it. What is measured
            // is the steady overload that follows.
            long settling = System.nanoTime();
            PyEpicsScript.await("the demo profile settled beside the overloaded one", Duration.ofSeconds(90),
                    () -> console.demoOffBy().isEmpty());
            System.out.printf("demo profile within 1 %% again %d ms after the load profile was dropping%n",
                    (System.nanoTime() - settling) / 1_000_000);
            // 20 s of overload, the demo profile read every 2 s
            long dropsBefore = console.dropped("load");
            List<String> offReadings = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                List<String> off = console.demoOffBy();
                if (!off.isEmpty()) {
                    offReadings.add(off.toString());
                }
                assertEquals("the demo profile drops nothing", 0, console.dropped("demo"));
                Thread.sleep(2000);   // the sampling period of this check, not a wait for a state
            }
            long overloadDrops = console.dropped("load");
            assertTrue("the load profile kept dropping: " + dropsBefore + " -> " + overloadDrops,
                    overloadDrops - dropsBefore > 1_000);
            System.out.printf("overloaded profile: %d updates dropped in 20 s%n", overloadDrops - dropsBefore);
            assertTrue("demo profile outside 1 %: " + offReadings, offReadings.isEmpty());
            assertEquals("DEMO:PV1 never disconnected", 0, demoDisconnects.get());
            String status = console.execute("syncprofile:status demo");
            assertTrue(status, status.lines().filter(l -> l.startsWith("DEMO:PV")).noneMatch(l -> l.contains("NO")));

            // removal while overloaded: its PVs leave at once
            long start = System.nanoTime();
            cfg.delete();
            cfg = null;
            PyEpicsScript.await("the load profile's PVs withdrawn", Duration.ofSeconds(10),
                    () -> console.published().stream().noneMatch(n -> n.startsWith("LOAD-OUT:")
                            || n.startsWith("SYNCPROFILE:load:")));
            System.out.printf("overloaded profile (44 850 pairs) removed, PVs withdrawn in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertTrue(console.execute("syncprofile:list").lines().noneMatch(l -> l.contains("load")));
        } finally {
            ticker.shutdownNow();
            demoWatch.close();
            if (cfg != null) {
                cfg.delete();
            }
            load.forEach(PublishedPv::close);
        }
    }

    @Test
    public void aProfileTooBigForTheHeapIsRefusedWithItsEstimateWhereTheOperatorLooks() throws Exception {
        org.osgi.service.cm.Configuration cfg = configAdmin.getFactoryConfiguration("org.syncscope.syncprofile", "huge", "?");
        try {
            Hashtable<String, Object> props = new Hashtable<>();
            // 5 000 PVs: 12.5 million pairs, about 6.1 GB by the documented estimate
            props.put("pvs", IntStream.range(0, 5_000).mapToObj(i -> "HUGE:" + i).collect(Collectors.joining(",")));
            cfg.update(props);
            PyEpicsScript.await("the refusal in syncprofile:list", Duration.ofSeconds(30),
                    () -> console.list().contains("huge (configuration org.syncscope.syncprofile~huge"));
            String list = console.list();
            assertTrue(list, list.contains("profile huge needs about 5000 PVs + 12497500 pairs = 5000 x 2800 B + 12497500 x 485 B")
                    && list.contains("% of the maximum heap"));
            assertTrue("nothing of it served", console.published().stream()
                    .noneMatch(n -> n.startsWith("HUGE:") || n.startsWith("SYNCPROFILE:huge")));
            cfg.delete();
            cfg = null;
            PyEpicsScript.await("the refusal gone with its configuration", Duration.ofSeconds(30),
                    () -> !console.list().contains("huge"));
        } finally {
            if (cfg != null) {
                cfg.delete();
            }
        }
    }
}
