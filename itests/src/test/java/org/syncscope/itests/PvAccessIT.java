package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileStatus;

/**
 * pvAccess on the demo site, against an independent peer: Phoebus' own pvAccess client
 * ({@link PhoebusPvaPeer}, in a JVM of its own) reads every kind of PV the server serves and finds
 * each field Channel Access (pyepics, libca) gives for the same update: value, alarm, the stamp to
 * the ns, units, precision, enum labels. Puts are refused on a read-only PV and taken on a writable
 * one on both protocols; the profile's NTTable decodes; the profile over pvAccess ({@code demopva})
 * computes what the one over Channel Access ({@code demo}) does from the same IOC; redeploying the
 * pvAccess server, or uninstalling and installing its feature, disturbs nothing else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
// by name: the profiles compared first, the pvAccess server redeployed (r...) and its feature reinstalled (u...) last
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PvAccessIT {

    static final int CA_PORT = 25620;

    /** One PV of each kind the demo site serves, and what it is. */
    enum Kind { DOUBLE, LONG, STRING, ENUM, DOUBLE_ARRAY }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("DEMO:PV1", Kind.DOUBLE);                        // the demo IOC, 10 Hz
        KINDS.put("DEMO:PV1:AvgFreq", Kind.DOUBLE);                // a profile output made on demand (catalog)
        KINDS.put("TS:EventCount", Kind.LONG);                     // the timestamp driver, counting
        KINDS.put("SYNCPROFILE:demo:DroppedUpdates", Kind.LONG);   // posted only on a change
        KINDS.put("SYNCPROFILE:demo:WorstAvgPair1", Kind.STRING);
        KINDS.put("TS:Mode", Kind.ENUM);
        KINDS.put("SYNCPROFILE:demo:WorstAvgDiff", Kind.DOUBLE_ARRAY);
    }

    private static final List<String> INPUTS = List.of("DEMO:PV1", "DEMO:PV2", "DEMO:PV3");
    private static final List<String> PAIRS = List.of("DEMO:PV1_vs_DEMO:PV2", "DEMO:PV1_vs_DEMO:PV3", "DEMO:PV2_vs_DEMO:PV3");

    private PvaPeer peer;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private BundleContext context;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private ProfileConfigurations profiles;

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT),
                // the client in the container finds a restarted server by its beacons (below: the redeploys)
                editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "beaconPeriodSeconds", "1"),
                systemProperty(PvaPeer.CLASSPATH_PROPERTY).value(peerClasspath()));
    }

    /** The peer's class path, as this (failsafe) JVM finds it: the test classes, core-pva and its Bouncy Castle jars. */
    private static String peerClasspath() {
        List<String> parts = new ArrayList<>();
        for (String c : List.of("org.syncscope.itests.PhoebusPvaPeer", "org.epics.pva.client.PVAClient",
                "org.bouncycastle.jce.provider.BouncyCastleProvider", "org.bouncycastle.asn1.cmc.BodyPartID",
                "org.bouncycastle.cert.X509CertificateHolder")) {
            try {
                parts.add(new File(Class.forName(c).getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
            } catch (ReflectiveOperationException | URISyntaxException e) {
                throw new IllegalStateException("the pvAccess peer needs " + c + " on the test class path", e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** The peer of this test (Pax Exam runs each test method on its own, class rules included). */
    private PvaPeer peer() throws Exception {
        if (peer == null) {
            peer = PvaPeer.start(SyncscopeServer.pvAccessSearchPort());
        }
        return peer;
    }

    @After
    public void stopPeer() throws InterruptedException {
        if (peer != null) {
            peer.close();
        }
    }

    // ---------------------------------------------------------------- 1. every kind, field by field

    @Test
    public void phoebusReadsEachKindOfPvWithTheFieldsChannelAccessGives() throws Exception {
        PvaPeer pva = peer();
        for (String pv : KINDS.keySet()) {
            PyEpicsScript.awaitReading(pv + " valid over pvAccess", Duration.ofSeconds(60), () -> pva.read(pv),
                    f -> f.severity() == 0);
        }
        for (String pv : KINDS.keySet()) {
            pva.clearUpdates(pv);
            pva.monitor(pv);
        }
        CaFields.Recording ca;
        try {
            ca = CaFields.record(CA_PORT, 2.5, List.copyOf(KINDS.keySet()));
        } finally {
            for (String pv : KINDS.keySet()) {
                pva.unmonitor(pv);
            }
        }
        StringBuilder matched = new StringBuilder();
        for (Map.Entry<String, Kind> e : KINDS.entrySet()) {
            String pv = e.getKey();
            List<PvaPeer.Fields> overPva = pva.updates(pv);
            List<PvaPeer.Fields> overCa = ca.updates(pv);
            assertTrue(pv + ": updates over both (pva " + overPva.size() + ", ca " + overCa.size() + ")",
                    !overPva.isEmpty() && !overCa.isEmpty());
            // the same post seen by both: the latest CA update whose stamp pvAccess also delivered
            PvaPeer.Fields caUpdate = null;
            PvaPeer.Fields pvaUpdate = null;
            for (int i = overCa.size() - 1; i >= 0 && caUpdate == null; i--) {
                long t = caTime(overCa.get(i));
                for (PvaPeer.Fields p : overPva) {
                    if (p.timeNanos() == t) {
                        caUpdate = overCa.get(i);
                        pvaUpdate = p;
                        break;
                    }
                }
            }
            assertNotNull(pv + ": an update with the same stamp to the ns on both; CA stamps "
                    + overCa.stream().map(PvAccessIT::caTime).toList() + ", pvAccess stamps "
                    + overPva.stream().map(PvaPeer.Fields::timeNanos).toList(), caUpdate);
            compare(pv, e.getValue(), pvaUpdate, caUpdate, ca.ctrl(pv));
            if (pv.equals("DEMO:PV1")) {
                // every post both saw while both monitored, with the same stamps: none missing, none moved
                long from = Math.max(caTime(overCa.get(0)), overPva.get(0).timeNanos());
                long to = Math.min(caTime(overCa.get(overCa.size() - 1)), overPva.get(overPva.size() - 1).timeNanos());
                List<Long> caStamps = overCa.stream().map(PvAccessIT::caTime).filter(t -> t >= from && t <= to).toList();
                List<Long> pvaStamps = overPva.stream().map(PvaPeer.Fields::timeNanos).filter(t -> t >= from && t <= to).toList();
                assertEquals(pv + ": the stamps of every post from " + from + " to " + to, caStamps, pvaStamps);
                assertTrue(pv + ": a second of posts at 10 Hz compared: " + caStamps.size(), caStamps.size() >= 10);
            }
            matched.append(pv).append(" (").append(overCa.size()).append(" CA, ").append(overPva.size())
                    .append(" PVA updates): ").append(pvaUpdate.map().getOrDefault("value", pvaUpdate.map().get("value.index")))
                    .append('\n');
        }
        System.out.println("PvAccessIT: same post over both protocols:\n" + matched);
    }

    private static long caTime(PvaPeer.Fields ca) {
        return Long.parseLong(ca.get("seconds")) * 1_000_000_000L + Long.parseLong(ca.get("nanoseconds"));
    }

    private static void compare(String pv, Kind kind, PvaPeer.Fields pva, PvaPeer.Fields ca, PvaPeer.Fields ctrl) {
        String at = pv + " at " + pva.timeNanos() + ": ";
        assertEquals(at + "severity", Integer.parseInt(ca.get("severity")), pva.severity());
        int status = Integer.parseInt(ca.get("status"));
        assertEquals(at + "alarm.message is the CA status name", status == 0 ? "" : AlarmStatus.values()[status].name(),
                pva.get("alarm.message"));
        switch (kind) {
            case DOUBLE -> {
                assertEquals(at + "structure", "epics:nt/NTScalar:1.0", pva.get("@id"));
                assertEquals(at + "value type", "double", pva.get("@value"));
                assertEquals(at + "value, exactly", Double.parseDouble(ca.get("value")), Double.parseDouble(pva.get("value")), 0);
                assertEquals(at + "units", ctrl.get("units"), pva.get("display.units"));
                assertEquals(at + "precision", ctrl.get("precision"), pva.get("display.precision"));
            }
            case LONG -> {
                assertEquals(at + "structure", "epics:nt/NTScalar:1.0", pva.get("@id"));
                assertEquals(at + "value type", "int", pva.get("@value"));
                assertEquals(at + "value", Long.parseLong(ca.get("value")), Long.parseLong(pva.get("value")));
                assertEquals(at + "units", ctrl.get("units"), pva.get("display.units"));
            }
            case STRING -> {
                assertEquals(at + "structure", "epics:nt/NTScalar:1.0", pva.get("@id"));
                assertEquals(at + "value type", "string", pva.get("@value"));
                assertEquals(at + "value", ca.get("value"), pva.get("value"));
            }
            case ENUM -> {
                assertEquals(at + "structure", "epics:nt/NTEnum:1.0", pva.get("@id"));
                assertEquals(at + "index", ca.get("value"), pva.get("value.index"));
                assertEquals(at + "labels", ctrl.get("enum"), pva.get("value.choices"));
                assertTrue(at + "labels there: " + ctrl, !ctrl.get("enum").isEmpty());
            }
            case DOUBLE_ARRAY -> {
                assertEquals(at + "structure", "epics:nt/NTScalarArray:1.0", pva.get("@id"));
                assertEquals(at + "value type", "double[]", pva.get("@value"));
                // CA sends the waveform's full element count (NELM), zeros after the elements posted;
                // pvAccess sends the elements posted
                List<Double> overCa = doubles(ca.get("value"));
                List<Double> overPva = doubles(pva.get("value"));
                assertTrue(at + "elements " + overPva + " within CA's " + overCa, overPva.size() <= overCa.size());
                List<Double> padded = new ArrayList<>(overPva);
                while (padded.size() < overCa.size()) {
                    padded.add(0.0);
                }
                assertEquals(at + "elements, exactly, then CA's zeros", overCa, padded);
                assertTrue(at + "some elements", !overPva.isEmpty());
                assertEquals(at + "units", ctrl.get("units"), pva.get("display.units"));
                assertEquals(at + "precision", ctrl.get("precision"), pva.get("display.precision"));
            }
            default -> fail("kind " + kind);
        }
    }

    private static List<Double> doubles(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.stream(joined.split("\\|")).map(Double::valueOf).toList();
    }

    // ---------------------------------------------------------------- puts

    @Test
    public void putsAreRefusedOnAReadOnlyPvAndTakenOnAWritableOneOverBothProtocols() throws Exception {
        PvaPeer pva = peer();
        String readOnly = "SYNCPROFILE:demo:DroppedUpdates";
        PvaPeer.Fields before = PyEpicsScript.awaitReading(readOnly + " over pvAccess", Duration.ofSeconds(60),
                () -> pva.read(readOnly), f -> f.severity() == 0);
        try {
            pva.put(readOnly, "5");
            fail("a pvAccess put to " + readOnly + " was accepted");
        } catch (PvaPeer.PeerError refused) {
            assertTrue("the refusal names the PV: " + refused.getMessage(),
                    refused.getMessage().contains("PV " + readOnly + " is read-only"));
        }
        String caPut = PyEpicsScript.run(CA_PORT, "import epics\n"
                + "pv = epics.PV('" + readOnly + "')\n"
                + "assert pv.wait_for_connection(timeout=10)\n"
                + "print('write=%s' % pv.write_access)\n"
                + "try:\n"
                + "    pv.put(5, wait=True, timeout=5)\n"
                + "    print('put=accepted')\n"
                + "except Exception as e:\n"
                + "    print('put=refused %s' % e)\n"
                + "print('value=%s' % epics.caget('" + readOnly + "', timeout=5))\n");
        assertEquals("CA gives no write access to " + readOnly + ":\n" + caPut, "False", PyEpicsScript.value(caPut, "write"));
        assertTrue("CA refuses the put:\n" + caPut, PyEpicsScript.value(caPut, "put").startsWith("refused"));
        assertEquals("the value stays over CA", before.get("value"), PyEpicsScript.value(caPut, "value"));
        PvaPeer.Fields after = pva.read(readOnly);
        assertEquals("the value and stamp stay over pvAccess", List.of(before.get("value"), before.timeNanos()),
                List.of(after.get("value"), after.timeNanos()));

        // a TIMEAV device's reset PV: "write anything"; the PV then holds the value written
        String writable = "DEMO:PV1:SD:Reset";
        long putAt = System.currentTimeMillis() * 1_000_000L;
        pva.put(writable, "7");
        String readBack = PyEpicsScript.run(CA_PORT, "import epics, time\n"
                + "pv = epics.PV('" + writable + "', form='time')\n"
                + "assert pv.wait_for_connection(timeout=10)\n"
                + "v = pv.get(timeout=5)\n"
                + "print('value=%s' % v)\n"
                + "print('severity=%s' % pv.severity)\n"
                + "print('stamp=%d' % (pv.posixseconds * 1000000000 + pv.nanoseconds))\n"
                + "print('write=%s' % pv.write_access)\n"
                + "pv.put(3, wait=True, timeout=5)\n");
        assertEquals("CA reads the value written over pvAccess", "7", PyEpicsScript.value(readBack, "value"));
        assertEquals("NO_ALARM after the put", "0", PyEpicsScript.value(readBack, "severity"));
        long stamp = Long.parseLong(PyEpicsScript.value(readBack, "stamp"));
        assertTrue("stamped with the time of the put: " + stamp + " vs " + putAt,
                stamp >= putAt - 2_000_000_000L && stamp <= putAt + 30_000_000_000L);
        assertEquals("writable over CA", "True", PyEpicsScript.value(readBack, "write"));
        assertEquals("pvAccess reads the value written over CA", "3", pva.read(writable).get("value"));
    }

    // ---------------------------------------------------------------- the profile's table

    @Test
    public void theProfileTableDecodesWithARowPerInputAndPair() throws Exception {
        PvaPeer pva = peer();
        String table = "SYNCPROFILE:demo:Table";
        PvaPeer.Fields t = PyEpicsScript.awaitReading(table + " with every row valid", Duration.ofSeconds(60),
                () -> pva.read(table), f -> f.get("value.alarm").equals("|||||"));
        assertEquals("epics:nt/NTTable:1.0", t.get("@id"));
        assertEquals("labels", "Kind|Name|Current|Mean|Min|Max|Std|Alarm", t.get("labels"));
        List<String> columns = t.map().keySet().stream().filter(k -> k.startsWith("value.")).toList();
        assertEquals("columns", List.of("value.kind", "value.name", "value.current", "value.mean", "value.min", "value.max",
                "value.std", "value.alarm"), columns);
        assertEquals("a row per input, then per pair", "input|input|input|pair|pair|pair", t.get("value.kind"));
        List<String> names = new ArrayList<>(INPUTS);
        names.addAll(PAIRS);
        assertEquals("row names", String.join("|", names), t.get("value.name"));
        List<Double> mean = doubles(t.get("value.mean"));
        List<Double> min = doubles(t.get("value.min"));
        List<Double> max = doubles(t.get("value.max"));
        List<Double> std = doubles(t.get("value.std"));
        ProfileStatus status = profiles.status("demo").orElseThrow();
        for (int row = 0; row < names.size(); row++) {
            String at = table + " row " + names.get(row) + ": ";
            assertTrue(at + "min <= mean <= max: " + t, min.get(row) <= mean.get(row) && mean.get(row) <= max.get(row));
            assertTrue(at + "std >= 0", std.get(row) >= 0);
            // the table is at most 10 s old: its mean lies within what the profile's window has held since
            double[] now = row < 3 ? range(status.inputs().get(row)) : range(status.pairs().get(row - 3));
            assertTrue(at + "mean " + mean.get(row) + " near the profile's " + Arrays.toString(now),
                    Math.abs(mean.get(row) - now[0]) <= now[1] + 1e-9);
        }
        // the frequencies: 10, 5 and 1 Hz; the pairs: PV2 is 30 ms, PV3 70 ms after PV1 in the demo's phases
        assertEquals(10, mean.get(0), 0.5);
        assertEquals(5, mean.get(1), 0.25);
        assertEquals(1, mean.get(2), 0.05);
        assertEquals(-0.030, mean.get(3), 0.005);
        assertEquals(-0.070, mean.get(4), 0.005);
        assertEquals(-0.040, mean.get(5), 0.005);
    }

    /** The mean now and the spread (max - min) of the window. */
    private static double[] range(ProfileStatus.Input i) {
        return new double[] {i.avgHz(), i.maxHz() - i.minHz()};
    }

    private static double[] range(ProfileStatus.Pair p) {
        return new double[] {p.avg(), p.max() - p.min()};
    }

    // ---------------------------------------------------------------- 2. the same statistics over both

    /**
     * Both profiles take the IOC's source stamps of the same posts, one over Channel Access and one
     * over pvAccess, so once a window is full on both it holds the same samples: the statistics
     * must be identical to the last bit, at a moment both have taken the same latest update (read
     * demo, demopva, demo again: the two demo readings equal). A window not full yet (DEMO:PV3 at
     * 1 Hz needs 100 s) holds fewer samples in the profile that started later; its mean then lies
     * within the spread of the other's window.
     */
    @Test
    public void aProfileOverPvAccessGivesTheStatisticsOfTheSameProfileOverChannelAccess() throws Exception {
        int window = profiles.status("demo").orElseThrow().window();
        List<String> full = List.of("DEMO:PV1", "DEMO:PV2", "DEMO:PV1_vs_DEMO:PV2");
        PyEpicsScript.awaitReading("full windows of " + full + " in both profiles", Duration.ofSeconds(90),
                () -> List.of(samples("demo"), samples("demopva")),
                s -> s.stream().allMatch(m -> full.stream().allMatch(n -> m.getOrDefault(n, 0L) >= window)));
        for (String row : full) {
            List<Double> agreed;
            try {
                agreed = PyEpicsScript.awaitReading(row + ": the same statistics in demo and demopva",
                        Duration.ofSeconds(20), () -> {
                            List<Double> a = stats("demo", row);
                            List<Double> b = stats("demopva", row);
                            List<Double> a2 = stats("demo", row);
                            return a.equals(a2) ? List.of(a, b) : null;
                        }, r -> r != null && r.get(0).equals(r.get(1))).get(0);
            } catch (AssertionError differ) {
                throw new AssertionError(differ.getMessage() + "\n" + SyncscopeServer.execute(sessionFactory, "syncprofile:status demo")
                        + SyncscopeServer.execute(sessionFactory, "syncprofile:status demopva"), differ);
            }
            System.out.println("PvAccessIT: " + row + " avg, min, max, std in both profiles " + agreed);
        }
        for (String row : List.of("DEMO:PV3", "DEMO:PV1_vs_DEMO:PV3", "DEMO:PV2_vs_DEMO:PV3")) {
            List<Double> a = stats("demo", row);
            List<Double> b = stats("demopva", row);
            double spread = Math.max(a.get(2) - a.get(1), b.get(2) - b.get(1));
            assertTrue(row + ": means within the windows' spread " + spread + ": demo " + a + ", demopva " + b,
                    Math.abs(a.get(0) - b.get(0)) <= spread + 1e-12);
        }
        String demo = SyncscopeServer.execute(sessionFactory, "syncprofile:status demo");
        String demoPva = SyncscopeServer.execute(sessionFactory, "syncprofile:status demopva");
        System.out.println("PvAccessIT:\n" + demo + demoPva);
        for (String row : PAIRS) {
            assertTrue("syncprofile:status demopva shows " + row + " valid:\n" + demoPva,
                    demoPva.lines().anyMatch(l -> l.contains(row) && l.matches(".*\\byes\\b.*")));
        }
    }

    /** avg, min, max, std of an input (Hz) or a pair (s) of profile {@code name}. */
    private List<Double> stats(String name, String row) {
        ProfileStatus s = profiles.status(name).orElseThrow(() -> new AssertionError("profile " + name + " not running"));
        for (ProfileStatus.Input i : s.inputs()) {
            if (i.name().equals(row)) {
                return List.of(i.avgHz(), i.minHz(), i.maxHz(), i.stdHz());
            }
        }
        for (ProfileStatus.Pair p : s.pairs()) {
            if (p.name().equals(row)) {
                return List.of(p.avg(), p.min(), p.max(), p.std());
            }
        }
        throw new AssertionError(name + " has no " + row + ": " + s);
    }

    /** Samples so far per input and pair of profile {@code name}. */
    private Map<String, Long> samples(String name) {
        ProfileStatus s = profiles.status(name).orElseThrow(() -> new AssertionError("profile " + name + " not running"));
        Map<String, Long> m = new TreeMap<>();
        s.inputs().forEach(i -> m.put(i.name(), i.samples()));
        s.pairs().forEach(p -> m.put(p.name(), p.samples()));
        return m;
    }

    /** Updates so far per input of profile {@code name}. */
    private Map<String, Long> updates(String name) {
        return profiles.status(name).orElseThrow().inputs().stream()
                .collect(Collectors.toMap(ProfileStatus.Input::name, ProfileStatus.Input::updates, (a, b) -> a, TreeMap::new));
    }

    /**
     * Profile {@code name} (its inputs over pvAccess from this server) connected again and every
     * input counting past where it stood when this was called: its client made its monitors anew.
     */
    private void awaitCountingAgain(String name, String after) throws InterruptedException {
        PyEpicsScript.await(name + " connected after " + after, Duration.ofSeconds(30), () -> connected(name));
        Map<String, Long> then = updates(name);
        PyEpicsScript.await(name + " counting again after " + after + " (from " + then + ")", Duration.ofSeconds(30),
                () -> {
                    Map<String, Long> now = updates(name);
                    return connected(name) && INPUTS.stream().allMatch(in -> now.get(in) > then.get(in));
                });
    }

    private boolean connected(String name) {
        return profiles.status(name).map(s -> s.inputs().stream().allMatch(ProfileStatus.Input::connected)).orElse(false);
    }

    // ---------------------------------------------------------------- redeploy and feature

    /**
     * The pvAccess server stopped and started, then updated: each time Phoebus reads
     * a PV and the profile's table again, stamped after the return; the Channel Access monitor of
     * DEMO:PV1 never loses it; neither profile's update count goes back; afterwards no thread is
     * left over.
     */
    @Test
    public void redeployingThePvAccessServerKeepsEverythingElse() throws Exception {
        PvaPeer pva = peer();
        PyEpicsScript.await("both profiles connected", Duration.ofSeconds(60), () -> connected("demo") && connected("demopva"));
        try (CaMonitor ca = CaMonitor.start(CA_PORT, "DEMO:PV1")) {
            PyEpicsScript.await("the CA monitor receiving DEMO:PV1", Duration.ofSeconds(30),
                    () -> ca.connected() && ca.updateCount() >= 5);
            pva.read("DEMO:PV1");
            Map<String, Long> threadsBefore = RedeployProbe.steadyThreads();
            long start = System.currentTimeMillis();
            Map<String, Long> demo = updates("demo");
            Map<String, Long> demoPva = updates("demopva");
            RedeployProbe probe = new RedeployProbe(context);
            List<Long> backMillis = new ArrayList<>();
            for (int cycle = 0; cycle < 2; cycle++) {
                Bundle pvas = probe.bundle("org.syncscope.pvas");
                long restart = System.currentTimeMillis() * 1_000_000L;
                long began = System.nanoTime();
                if (cycle == 1) {
                    pvas.update();   // a new revision of the same jar, as bundle:update makes
                } else {
                    pvas.stop();
                    pvas.start();
                }
                assertEquals("org.syncscope.pvas active again (cycle " + cycle + ")", Bundle.ACTIVE, pvas.getState());
                for (String pv : List.of("DEMO:PV1", "DEMO:PV1:AvgFreq")) {
                    PyEpicsScript.awaitReading(pv + " over pvAccess after cycle " + cycle, Duration.ofSeconds(20),
                            () -> pva.read(pv), f -> f.timeNanos() > restart);
                }
                pva.read("SYNCPROFILE:demo:Table");
                backMillis.add((System.nanoTime() - began) / 1_000_000L);
                awaitCountingAgain("demopva", "cycle " + cycle);
                Map<String, Long> demoNow = updates("demo");
                Map<String, Long> demoPvaNow = updates("demopva");
                for (String in : INPUTS) {
                    assertTrue("cycle " + cycle + ": demo's " + in + " updates went back " + demo + " -> " + demoNow,
                            demoNow.get(in) >= demo.get(in));
                    assertTrue("cycle " + cycle + ": demopva's " + in + " updates went back " + demoPva + " -> " + demoPvaNow,
                            demoPvaNow.get(in) >= demoPva.get(in));
                }
                assertTrue("cycle " + cycle + ": the CA profile stayed connected", connected("demo"));
                demo = demoNow;
                demoPva = demoPvaNow;
            }
            System.out.println("PvAccessIT: ms from a pvas redeploy until Phoebus reads again: " + backMillis);
            long end = System.currentTimeMillis();
            assertEquals("CA's DEMO:PV1 disconnected (ms) while pvas was redeployed; changes " + ca.connections(),
                    0, ca.disconnectedMillis(start, end));
            assertTrue("CA's DEMO:PV1 kept updating: longest gap " + ca.longestGapMillis(start, end) + " ms",
                    ca.longestGapMillis(start, end) < 2_000);
            awaitNoThreadGrowth(threadsBefore);
        }
    }

    /**
     * The pvAccess client (bundle pva) stopped and started, then updated: each time the profile
     * over pvAccess ({@code demopva}) connects and counts again, the profile over Channel Access
     * ({@code demo}) stays connected and never counts back, and afterwards no thread is left over
     * (the old client context's library threads all end).
     */
    @Test
    public void redeployingThePvAccessClientKeepsEverythingElse() throws Exception {
        PyEpicsScript.await("both profiles connected", Duration.ofSeconds(60), () -> connected("demo") && connected("demopva"));
        Map<String, Long> threadsBefore = RedeployProbe.steadyThreads();
        Map<String, Long> demo = updates("demo");
        RedeployProbe probe = new RedeployProbe(context);
        for (int cycle = 0; cycle < 2; cycle++) {
            Bundle client = probe.bundle("org.syncscope.pva");
            if (cycle == 1) {
                client.update();
            } else {
                client.stop();
                client.start();
            }
            assertEquals("org.syncscope.pva active again (cycle " + cycle + ")", Bundle.ACTIVE, client.getState());
            awaitCountingAgain("demopva", "client cycle " + cycle);
            Map<String, Long> demoNow = updates("demo");
            for (String in : INPUTS) {
                assertTrue("cycle " + cycle + ": demo's " + in + " updates went back " + demo + " -> " + demoNow,
                        demoNow.get(in) >= demo.get(in));
            }
            assertTrue("cycle " + cycle + ": the CA profile stayed connected", connected("demo"));
            demo = demoNow;
        }
        awaitNoThreadGrowth(threadsBefore);
    }

    /**
     * {@code syncscope-pvas} uninstalled, then installed again (the features service, as {@code
     * feature:uninstall} and {@code feature:install} call it): Karaf
     * stops, refreshes or uninstalls no bundle but org.syncscope.pvas, the other Syncscope bundles
     * keep their services, and afterwards Phoebus reads the PVs again.
     */
    @Test
    public void uninstallingAndInstallingThePvAccessFeatureTouchesNoOtherBundle() throws Exception {
        PvaPeer pva = peer();
        PyEpicsScript.await("both profiles connected", Duration.ofSeconds(60), () -> connected("demo") && connected("demopva"));
        List<String> events = new CopyOnWriteArrayList<>();
        SynchronousBundleListener listener = e -> {
            if (e.getType() != BundleEvent.STARTED && e.getType() != BundleEvent.STARTING
                    && e.getType() != BundleEvent.INSTALLED && e.getType() != BundleEvent.RESOLVED) {
                events.add(e.getBundle().getSymbolicName() + " " + type(e.getType()));
            }
        };
        Map<String, List<Long>> servicesBefore = syncscopeServices();
        Map<String, Long> demo = updates("demo");
        context.addBundleListener(listener);
        try {
            features.uninstallFeature("syncscope-pvas");   // what feature:uninstall does
            assertTrue("org.syncscope.pvas uninstalled", Arrays.stream(context.getBundles())
                    .noneMatch(b -> "org.syncscope.pvas".equals(b.getSymbolicName())));
            features.installFeature("syncscope-pvas");
        } finally {
            context.removeBundleListener(listener);
        }
        List<String> others = events.stream().filter(e -> !e.startsWith("org.syncscope.pvas ")).toList();
        assertTrue("bundles other than org.syncscope.pvas stopped, refreshed or uninstalled: " + others + " (all: " + events + ")",
                others.isEmpty());
        Map<String, List<Long>> servicesAfter = syncscopeServices();
        servicesBefore.remove("org.syncscope.pvas");
        servicesAfter.remove("org.syncscope.pvas");
        assertEquals("services of every other Syncscope bundle (ids change on a re-registration)", servicesBefore, servicesAfter);
        long back = System.currentTimeMillis() * 1_000_000L;
        PyEpicsScript.awaitReading("DEMO:PV1 over pvAccess after the reinstall", Duration.ofSeconds(20),
                () -> pva.read("DEMO:PV1"), f -> f.timeNanos() > back);
        awaitCountingAgain("demopva", "the reinstall");
        System.out.println("PvAccessIT: ms from the reinstall until Phoebus reads again: "
                + (System.currentTimeMillis() - back / 1_000_000L));
        Map<String, Long> demoAfter = updates("demo");
        for (String in : INPUTS) {
            assertTrue("demo's " + in + " updates never went back", demoAfter.get(in) >= demo.get(in));
        }
    }

    private static String type(int bundleEventType) {
        return switch (bundleEventType) {
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED (refreshed)";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.LAZY_ACTIVATION -> "LAZY_ACTIVATION";
            default -> Integer.toString(bundleEventType);
        };
    }

    /** service.id of every service each org.syncscope bundle registered. */
    private Map<String, List<Long>> syncscopeServices() {
        Map<String, List<Long>> m = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            String bsn = b.getSymbolicName();
            ServiceReference<?>[] refs = b.getRegisteredServices();
            if (bsn != null && bsn.startsWith("org.syncscope.") && refs != null) {
                m.put(bsn, Arrays.stream(refs).map(r -> (Long) r.getProperty("service.id")).sorted().toList());
            }
        }
        return m;
    }

    private static void awaitNoThreadGrowth(Map<String, Long> before) throws InterruptedException {
        try {
            PyEpicsScript.await("no thread left over from the redeploys", Duration.ofSeconds(30),
                    () -> RedeployProbe.grown(before).isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; grown: " + RedeployProbe.grown(before) + "\n"
                    + RedeployProbe.stacksOfGrown(before), e);
        }
    }
}
