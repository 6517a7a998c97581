package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.TimestampStatus;
import org.syncscope.api.time.TimestampService;

/**
 * Hot redeploy keeps state. Each provider (CA server, CA client, statistics library, simulated
 * event system, each camera driver) is stopped and started, or updated, 20 times under the running
 * demo site: the dependants stay the same components (same services, same threads), their
 * statistics continue (TIMEAV never starts over, the timestamp driver's event count and the demo
 * profile's update counts only grow), their PVs and subscriptions come back (measured per cycle),
 * and threads and the CA monitors served per PV return to their counts before. A second test
 * restarts every Syncscope bundle itself and checks nothing is left behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotRedeployIT {

    static final int CA_PORT = 25073;
    private static final int CYCLES = 20;
    /** Generous for a busy CI machine; the measured times are printed (the promise is 2 s). */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(15);

    private static final List<String> PROVIDERS = List.of("org.syncscope.cas", "org.syncscope.publish",
            "org.syncscope.ca", "org.syncscope.stats", "org.syncscope.eventsystem.sim", "org.syncscope.camera.sim",
            "org.syncscope.camera.aravis", "org.syncscope.camera.ic4");

    private static final List<String> ALL_BUNDLES = List.of("org.syncscope.pmc", "org.syncscope.ptpcheck",
            "org.syncscope.camera.sim", "org.syncscope.timeav", "org.syncscope.timestamp", "org.syncscope.syncprofile",
            "org.syncscope.demo", "org.syncscope.eventsystem.sim", "org.syncscope.ca", "org.syncscope.cas",
            "org.syncscope.publish", "org.syncscope.overview", "org.syncscope.statuspage", "org.syncscope.metrics",
            "org.syncscope.screens");

    /** Served by the dependants: demo IOC, TIMEAV, timestamp driver, PTP monitor, sync profile. */
    private static final List<String> SERVED = List.of("DEMO:PV1", "DEMO:PV3", "DEMO:PV1:SD", "DEMO:PV1:SD:Status",
            "TS:Mode", "TS:EventCount", "PTP:CHECK:Verdict", "DEMO:PV1:AvgFreq");

    /**
     * Services of dependants that must not be re-registered (re-activated) by a provider's redeploy.
     * TIMEAV's devices are no services: its registry (TimeavDevices) is, and each device's thread
     * below is the device's identity.
     */
    private static final List<String> DEPENDANT_SERVICES = List.of(TimestampService.class.getName(),
            "org.syncscope.api.ptp.PtpManagement", "org.syncscope.timeav.TimeavDevices",
            "org.syncscope.ptpcheck.PtpCheck");

    /** Threads the dependants own: a re-created component would start new ones. */
    private static final List<String> DEPENDANT_THREADS = List.of("syncscope-demo-ioc", "timeav-DEMO:PV1:SD",
            "timestamp-driver", "ptp-monitor");

    /**
     * The sync profile's own, checked apart and reported last: its registry's service, and the
     * profile's thread (the profiles are no services; a re-created profile starts a new thread).
     */
    private static final List<String> PROFILE_SERVICES = List.of("org.syncscope.syncprofile.ProfileConfigurations");
    private static final List<String> PROFILE_THREADS = List.of("syncprofile-demo");

    @Inject
    private BootFinished bootFinished;

    @Inject
    private BundleContext context;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT),
                // the optional camera drivers at boot: both stay Active without their native library
                editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot",
                        ",syncscope-camera-aravis,syncscope-camera-ic4"));
    }

    @Test
    public void providersRedeployedUnderRunningDependantsKeepTheirState() throws Exception {
        RedeployProbe probe = new RedeployProbe(context);
        PyEpicsScript.await("the demo site serving, TIMEAV full, the clock in sync", Duration.ofSeconds(90),
                () -> probe.allReadable(SERVED) && !timeavStatus(probe).startsWith("waiting") && inSync()
                        && probe.monitors().getOrDefault("DEMO:PV1", 0) >= 2);
        Map<String, Long> threadsBefore = RedeployProbe.steadyThreads();
        Map<String, Integer> monitorsBefore = probe.monitors();
        Map<String, List<Long>> servicesBefore = probe.serviceIds(DEPENDANT_SERVICES);
        Map<String, List<Long>> ownThreadsBefore = RedeployProbe.threadIds(DEPENDANT_THREADS);
        Map<String, List<Long>> profileBefore = profileIdentity(probe);
        for (String own : DEPENDANT_THREADS) {
            assertEquals(own + " runs once before the redeploys: " + ownThreadsBefore, 1, ownThreadsBefore.get(own).size());
        }
        for (String svc : DEPENDANT_SERVICES) {
            assertTrue(svc + " registered before the redeploys", !servicesBefore.get(svc).isEmpty());
        }
        long events = eventCount(probe);
        Map<String, Long> updates = profileUpdates();
        assertEquals("demo profile inputs " + updates, 3, updates.size());
        List<String> profileResets = new ArrayList<>();
        Map<String, List<Long>> backMillis = new LinkedHashMap<>();

        for (String bsn : PROVIDERS) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < CYCLES; i++) {
                Bundle b = probe.bundle(bsn);
                long restart = System.currentTimeMillis() * 1_000_000L;
                if (i % 5 == 4) {
                    b.update();   // the same jar again: a new revision of the provider, as bundle:update makes
                } else {
                    b.stop();
                    b.start();
                }
                long started = System.nanoTime();
                assertEquals(bsn + " active again (cycle " + i + ")", Bundle.ACTIVE, b.getState());
                BooleanSupplier back = backCondition(bsn, probe, monitorsBefore, restart);
                long deadline = started + BACK_WITHIN.toNanos();
                while (!back.getAsBoolean()) {
                    assertTrue(bsn + " cycle " + i + ": dependants not served/subscribed again within " + BACK_WITHIN
                            + "; monitors " + probe.monitors() + " (before " + monitorsBefore + ")",
                            System.nanoTime() < deadline);
                    Thread.sleep(20);
                }
                times.add((System.nanoTime() - started) / 1_000_000L);

                String cycle = bsn + " cycle " + i;
                assertEquals(cycle + ": dependant services re-registered (re-activated)", servicesBefore,
                        probe.serviceIds(DEPENDANT_SERVICES));
                assertEquals(cycle + ": dependant threads replaced (re-created)", ownThreadsBefore,
                        RedeployProbe.threadIds(DEPENDANT_THREADS));
                String timeav = timeavStatus(probe);
                assertTrue(cycle + ": TIMEAV started over: " + timeav, !timeav.startsWith("waiting"));
                long nowEvents = eventCount(probe);
                assertTrue(cycle + ": timestamp event count went back " + events + " -> " + nowEvents, nowEvents >= events);
                events = nowEvents;
                Map<String, Long> nowUpdates = profileUpdates();
                for (Map.Entry<String, Long> u : updates.entrySet()) {
                    long now = nowUpdates.getOrDefault(u.getKey(), 0L);
                    if (now < u.getValue()) {
                        profileResets.add(cycle + ": " + u.getKey() + " updates " + u.getValue() + " -> " + now);
                    }
                }
                updates = nowUpdates;
            }
            backMillis.put(bsn, times);
        }
        System.out.println("HotRedeployIT: ms from a provider's return until its dependants are served/subscribed again:");
        backMillis.forEach((bsn, t) -> System.out.println("  " + bsn + " max " + Collections.max(t) + " median "
                + t.stream().sorted().toList().get(t.size() / 2) + " all " + t));

        awaitNoThreadGrowth(threadsBefore);
        PyEpicsScript.await("CA monitors served per PV back to " + monitorsBefore, Duration.ofSeconds(30),
                () -> probe.monitors().equals(monitorsBefore));
        long eventsAfter = events;
        PyEpicsScript.await("the timestamp driver counting events on", Duration.ofSeconds(30),
                () -> eventCount(probe) > eventsAfter);
        assertTrue("served to an outside client (pyepics) after the redeploys",
                readableByPyEpics("DEMO:PV1:SD") && readableByPyEpics("TS:Mode") && readableByPyEpics("PTP:CHECK:Verdict"));
        // the sync profile last, so a failure here does not hide the dependants' results above
        assertEquals("the sync profile re-created by a redeploy (services, thread)", profileBefore, profileIdentity(probe));
        assertTrue("the demo profile's update counts went back: " + profileResets, profileResets.isEmpty());
    }

    /** What "back" means after a redeploy of {@code bsn}. */
    private BooleanSupplier backCondition(String bsn, RedeployProbe probe, Map<String, Integer> monitorsBefore, long restart) {
        switch (bsn) {
            case "org.syncscope.cas":
            case "org.syncscope.publish":
            case "org.syncscope.ca":
                // every dependant PV served by the new server / readable by the new client, and every
                // subscription of our CA client monitoring again
                return () -> probe.allReadable(SERVED) && probe.monitors().equals(monitorsBefore);
            case "org.syncscope.eventsystem.sim":
                return this::inSync;
            case "org.syncscope.camera.sim":
                // the PTP monitor ran a cycle on the new driver's cameras
                return () -> {
                    PvUpdate v = probe.read("PTP:CHECK:Verdict");
                    return v != null && v.sourceTimeNanos() > restart;
                };
            default:
                return () -> probe.allReadable(SERVED);
        }
    }

    private boolean inSync() {
        ServiceReference<TimestampService> ref = context.getServiceReference(TimestampService.class);
        if (ref == null) {
            return false;
        }
        try {
            TimestampStatus s = context.getService(ref).status();
            return s.mode() == ClockMode.SYNCHRONOUS && s.inSync();
        } finally {
            context.ungetService(ref);
        }
    }

    private long eventCount(RedeployProbe probe) {
        PvUpdate u = probe.read("TS:EventCount");
        assertNotNull("TS:EventCount readable", u);
        return ((PvValue.LongValue) u.value()).value();
    }

    private static String timeavStatus(RedeployProbe probe) {
        PvUpdate u = probe.read("DEMO:PV1:SD:Status");
        return u == null ? "waiting (unreadable)" : ((PvValue.StringValue) u.value()).value();
    }

    /** Updates per input of the demo profile, from {@code syncprofile:status demo}. */
    private Map<String, Long> profileUpdates() throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (String line : SyncscopeServer.execute(sessionFactory, "syncprofile:status demo").split("\n")) {
            // ShellTable draws │ on a terminal and falls back to x elsewhere
            String[] cells = line.split("\\s[│|x]\\s");
            if (cells.length > 3 && cells[0].trim().startsWith("DEMO:PV") && !cells[0].contains("_vs_") && cells[2].trim().matches("\\d+")) {
                m.put(cells[0].trim(), Long.parseLong(cells[2].trim()));
            }
        }
        return m;
    }

    private Map<String, List<Long>> profileIdentity(RedeployProbe probe) throws Exception {
        Map<String, List<Long>> m = new TreeMap<>(probe.serviceIds(PROFILE_SERVICES));
        m.putAll(RedeployProbe.threadIds(PROFILE_THREADS));
        return m;
    }

    private static void awaitNoThreadGrowth(Map<String, Long> before) throws InterruptedException {
        List<String> grown = RedeployProbe.grown(before);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!grown.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            grown = RedeployProbe.grown(before);
        }
        assertTrue("threads that outlived the redeploys: " + grown, grown.isEmpty());
    }

    @Test
    public void restartingEachBundleLeaksNoThreadAndRepublishes() throws Exception {
        for (String web : SyncscopeServer.WEB_FEATURES) {   // not booted in Pax Exam containers
            if (!features.isInstalled(features.getFeature(web))) {
                features.installFeature(web, java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            }
        }
        RedeployProbe probe = new RedeployProbe(context);
        PyEpicsScript.await("the demo site serving", Duration.ofSeconds(90), () -> probe.allReadable(SERVED));
        Map<String, Long> before = RedeployProbe.steadyThreads();
        for (String own : List.of("ptp-monitor", "timeav-DEMO:PV#:SD", "timestamp-driver", "eventsystem-sim-demo")) {
            assertTrue(own + " runs before the restarts: " + before.keySet(), before.containsKey(own));
        }
        for (String bsn : ALL_BUNDLES) {
            for (int i = 0; i < 3; i++) {
                Bundle b = probe.bundle(bsn);
                b.stop();
                b.start();
                assertEquals(bsn + " active again", Bundle.ACTIVE, b.getState());
            }
        }
        try {
            PyEpicsScript.await("the demo PVs back", Duration.ofSeconds(120), () -> probe.allReadable(SERVED));
        } catch (AssertionError notBack) {
            throw new AssertionError(notBack.getMessage() + "; not readable: " + probe.unreadable(SERVED), notBack);
        }
        assertTrue("served to an outside client (pyepics) after the restarts",
                readableByPyEpics("DEMO:PV1:AvgFreq") && readableByPyEpics("DEMO:PV1:SD:Status")
                        && readableByPyEpics("PTP:CHECK:Verdict") && readableByPyEpics("TS:Mode"));
        awaitNoThreadGrowth(before);
    }

    private static boolean readableByPyEpics(String pv) {
        try {
            String out = PyEpicsScript.run(CA_PORT, "import epics\nprint('v=%s' % epics.caget('" + pv + "', timeout=5))\n");
            return !PyEpicsScript.value(out, "v").equals("None");
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
