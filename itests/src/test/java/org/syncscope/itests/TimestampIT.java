package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.TimestampService;
import org.syncscope.api.time.TimestampStatus;

/**
 * The timestamp driver in a real Karaf on the simulated event system: status PVs read by the
 * EPICS C library, and the event system swapped live by editing eventSystem.target.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TimestampIT {

    static final int CA_PORT = 25067;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private BundleContext context;

    @Inject
    private SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT),
                // syncs every second, so the test need not wait 10 s for one
                editConfigurationFilePut("etc/org.syncscope.eventsystem.sim-demo.cfg", "resetPeriodSeconds", "1"),
                editConfigurationFilePut("etc/org.syncscope.timestamp.cfg", "syncRateSeconds", "1"));
    }

    @Test
    public void statusPvsAreReadByTheEpicsCLibrary() throws Exception {
        PyEpicsScript.await("synchronous and in sync", Duration.ofSeconds(30), () -> {
            TimestampStatus s = status();
            return s != null && s.mode() == ClockMode.SYNCHRONOUS && s.inSync();
        });
        String script = "import epics\n"
                + "for n in ['TS:Mode', 'TS:Role', 'TS:SyncValid', 'TS:Alarm', 'TS:LastSync', 'TS:CurrentTime', 'TS:EventCount']:\n"
                + "    print('%s=%s' % (n, epics.caget(n, as_string=True, timeout=10)))\n";
        // status PVs are posted once a second: read until they show the state the engine is in
        String out = PyEpicsScript.awaitReading("TS:SyncValid Yes over CA", Duration.ofSeconds(30),
                () -> PyEpicsScript.run(CA_PORT, script), o -> "Yes".equals(PyEpicsScript.value(o, "TS:SyncValid")));
        assertEquals(out, "SYNCHRONOUS", PyEpicsScript.value(out, "TS:Mode"));
        assertEquals(out, "MASTER", PyEpicsScript.value(out, "TS:Role"));
        assertEquals(out, "Yes", PyEpicsScript.value(out, "TS:SyncValid"));
        assertEquals(out, "OK", PyEpicsScript.value(out, "TS:Alarm"));
        assertTrue(out, PyEpicsScript.value(out, "TS:CurrentTime").startsWith("20"));
        assertTrue(out, Long.parseLong(PyEpicsScript.value(out, "TS:EventCount")) > 0);
    }

    @Test
    public void theMasterAnswersDrvTsTimeRequestsOverUdp() throws Exception {
        // a drvTS time request: magic 'TSdr', type 0, the rest zero (52 bytes, big-endian)
        java.nio.ByteBuffer request = java.nio.ByteBuffer.allocate(52).putInt(0x54536472).putInt(0);
        int port = SyncscopeServer.timestampMasterPort();
        assertTrue("the test server's master port is not the shipped 18323", port != 18323);
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            socket.setSoTimeout(1000);
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[1500], 1500);
            boolean answered = false;
            for (int attempt = 0; attempt < 20 && !answered; attempt++) {
                socket.send(new java.net.DatagramPacket(request.array(), 52,
                        new java.net.InetSocketAddress("127.0.0.1", port)));
                try {
                    socket.receive(reply);
                    answered = true;
                } catch (java.net.SocketTimeoutException notYet) {
                    // the component may still be starting
                }
            }
            assertTrue("the demo master answers on UDP " + port, answered);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
            assertEquals(52, reply.getLength());
            assertEquals(0x54536472, b.getInt(0));
            assertEquals(0, b.getInt(4));
            long currentEpicsSeconds = Integer.toUnsignedLong(b.getInt(16));
            long nowEpicsSeconds = System.currentTimeMillis() / 1000 - 631_152_000L;
            assertTrue("current_time " + currentEpicsSeconds + " is now (" + nowEpicsSeconds + ")",
                    Math.abs(currentEpicsSeconds - nowEpicsSeconds) <= 2);
            assertEquals("sync_rate", 1, b.getInt(32));
            long arrivedEpicsSeconds = Integer.toUnsignedLong(b.getInt(24));
            assertTrue("unix_time carries the request's arrival: " + arrivedEpicsSeconds,
                    Math.abs(arrivedEpicsSeconds - currentEpicsSeconds) <= 1);
        }
        String report = SyncscopeServer.execute(sessionFactory, "ts:report");
        assertTrue(report, report.contains("timestamps, stamp server: kernel software timestamps (SO_TIMESTAMPING"));
    }

    @Test
    public void editingEventSystemTargetRebindsLive() throws Exception {
        Path etc = Paths.get(System.getProperty("karaf.etc"));
        Path second = etc.resolve("org.syncscope.eventsystem.sim-b.cfg");
        Path timestamp = etc.resolve("org.syncscope.timestamp.cfg");
        List<String> original = Files.readAllLines(timestamp, StandardCharsets.ISO_8859_1);
        Files.writeString(second, "name = b\nreceiver = false\n", StandardCharsets.ISO_8859_1);
        try {
            retarget(timestamp, original, "(&(driver=sim)(name=b))");
            PyEpicsScript.await("soft time on sim b (no receiver)", Duration.ofSeconds(30), () -> {
                TimestampStatus s = status();
                return s != null && s.mode() == ClockMode.SOFT && s.modeReason().contains("no receiver");
            });
            String report = SyncscopeServer.execute(sessionFactory, "ts:report");
            assertTrue(report, report.contains("name=b") && report.contains("mode SOFT"));

            retarget(timestamp, original, "(&(driver=sim)(name=demo))");
            PyEpicsScript.await("synchronous again on sim demo", Duration.ofSeconds(30), () -> {
                TimestampStatus s = status();
                return s != null && s.mode() == ClockMode.SYNCHRONOUS;
            });
        } finally {
            Files.write(timestamp, original, StandardCharsets.ISO_8859_1);
            Files.deleteIfExists(second);
        }
    }

    /**
     * The edit that used to rebuild the clock (timeoutMs): a listener registered through
     * TimestampService keeps hearing the 1 Hz event 0x81 (not twice as often: init ran once), time
     * read at 50 Hz never goes back, and a CA client never loses TS:CurrentTime.
     */
    @Test
    public void aSettingsChangeKeepsListenersTimeAndStatusPvs() throws Exception {
        Path timestamp = Paths.get(System.getProperty("karaf.etc")).resolve("org.syncscope.timestamp.cfg");
        List<String> original = Files.readAllLines(timestamp, StandardCharsets.ISO_8859_1);
        ServiceReference<TimestampService> ref = context.getServiceReference(TimestampService.class);
        TimestampService ts = context.getService(ref);
        List<Long> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.syncscope.api.Registration listening = ts.addEventListener(0x81, (n, t) -> heard.add(t));
        java.util.concurrent.atomic.AtomicLong wentBack = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread probe = new Thread(() -> {
            long last = ts.currentTime();
            while (probing.get()) {
                long now = ts.currentTime();
                wentBack.accumulateAndGet(last - now, Math::max);
                last = Math.max(last, now);
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
        }, "time-probe");
        try (CaMonitor monitor = CaMonitor.start(CA_PORT, "TS:CurrentTime")) {
            PyEpicsScript.await("synchronous, 0x81 heard, TS:CurrentTime monitored", Duration.ofSeconds(30),
                    () -> status().mode() == ClockMode.SYNCHRONOUS && !heard.isEmpty() && monitor.updateCount() > 0);
            probe.start();
            long editMillis = System.currentTimeMillis();
            Files.write(timestamp, original.stream()
                    .map(l -> l.startsWith("timeoutMs") ? "timeoutMs = 300" : l).collect(Collectors.toList()),
                    StandardCharsets.ISO_8859_1);
            PyEpicsScript.await("ts:report shows the new timeout", Duration.ofSeconds(30),
                    () -> report().contains("timeout 300 ms"));
            int before = heard.size();
            PyEpicsScript.await("0x81 heard 6 more times after the change", Duration.ofSeconds(30),
                    () -> heard.size() >= before + 6);
            List<Long> after = heard.subList(before, before + 6);
            long spanNanos = after.get(5) - after.get(0);
            assertTrue("6 events of a 1 Hz event span about 5 s, not half of it (init twice): " + spanNanos,
                    spanNanos > 3_500_000_000L);
            probing.set(false);
            probe.join(5000);
            assertEquals("time went back by (ns)", 0, wentBack.get());
            assertTrue("TS:CurrentTime stayed connected: " + monitor.connections(),
                    monitor.disconnectedMillis(editMillis, System.currentTimeMillis()) == 0);
        } finally {
            probing.set(false);
            listening.close();
            context.ungetService(ref);
            Files.write(timestamp, original, StandardCharsets.ISO_8859_1);
        }
    }

    /** Each ts:* command finds its service (TimestampConsole, or TimestampService for ts:time) and answers. */
    @Test
    public void everyTsCommandReachesTheDriver() throws Exception {
        PyEpicsScript.await("synchronous", Duration.ofSeconds(30), () -> {
            TimestampStatus s = status();
            return s != null && s.mode() == ClockMode.SYNCHRONOUS;
        });
        String time = console("ts:time");
        assertTrue(time, time.startsWith("20") && time.contains("(EPICS "));
        String event = console("ts:time 0x81");
        assertTrue(event, event.contains("(EPICS ") || event.contains("event 129 has not occurred"));
        String master = console("ts:master-time");
        assertTrue(master, master.contains("this server is not a slave"));
        String ntp = console("ts:ntp-time");
        assertTrue(ntp, ntp.contains("no ntpServers configured in etc/org.syncscope.timestamp.cfg"));
        String sync = console("ts:force-sync");
        assertTrue(sync, sync.contains("sync requested"));
        String debug = console("ts:debug 0");
        assertTrue(debug, debug.contains("timestamp driver debug level 0"));
        assertTrue(report(), report().contains("debug 0"));
    }

    /** The tick rate has one source: the event system's configuration; the timestamp driver follows it. */
    @Test
    public void theTickRateComesFromTheEventSystem() throws Exception {
        Path sim = Paths.get(System.getProperty("karaf.etc")).resolve("org.syncscope.eventsystem.sim-demo.cfg");
        List<String> original = Files.readAllLines(sim, StandardCharsets.ISO_8859_1);
        assertTrue("the shipped timestamp configuration has no clockRateHz", Files.readAllLines(
                sim.resolveSibling("org.syncscope.timestamp.cfg"), StandardCharsets.ISO_8859_1).stream()
                .noneMatch(l -> l.startsWith("clockRateHz")));
        PyEpicsScript.await("ts:report shows the simulation's 1000 Hz", Duration.ofSeconds(30),
                () -> report().contains("clock rate 1000 Hz"));
        try {
            Files.write(sim, original.stream()
                    .map(l -> l.startsWith("clockRateHz") ? "clockRateHz = 2000" : l).collect(Collectors.toList()),
                    StandardCharsets.ISO_8859_1);
            PyEpicsScript.await("ts:report shows 2000 Hz and synchronous time", Duration.ofSeconds(30), () -> {
                String r = report();
                TimestampStatus s = status();
                return r.contains("clock rate 2000 Hz") && s != null && s.mode() == ClockMode.SYNCHRONOUS;
            });
        } finally {
            Files.write(sim, original, StandardCharsets.ISO_8859_1);
        }
        PyEpicsScript.await("back to 1000 Hz", Duration.ofSeconds(30), () -> report().contains("clock rate 1000 Hz"));
    }

    /** Bad values: refused naming file and key, shown where the operator looks; previous settings stay. */
    @Test
    public void badValuesAreRefusedAndListed() throws Exception {
        Path etc = Paths.get(System.getProperty("karaf.etc"));
        Path timestamp = etc.resolve("org.syncscope.timestamp.cfg");
        Path badSim = etc.resolve("org.syncscope.eventsystem.sim-bad.cfg");
        List<String> original = Files.readAllLines(timestamp, StandardCharsets.ISO_8859_1);
        try {
            Files.write(timestamp, original.stream()
                    .map(l -> l.startsWith("syncRateSeconds") ? "syncRateSeconds = abc" : l).collect(Collectors.toList()),
                    StandardCharsets.ISO_8859_1);
            Files.writeString(badSim, "name = bad\nclockRateHz = abc\n", StandardCharsets.ISO_8859_1);
            PyEpicsScript.await("ts:report says the change is refused", Duration.ofSeconds(30),
                    () -> report().contains("change refused, previous settings stay: etc/org.syncscope.timestamp.cfg: "
                            + "syncRateSeconds = 'abc' is not a whole number"));
            assertTrue(report(), report().contains("sync rate 1 s"));
            PyEpicsScript.awaitReading("TS:Alarm FAILURE over CA while refused", Duration.ofSeconds(30),
                    () -> PyEpicsScript.run(CA_PORT, ALARM), o -> "FAILURE".equals(PyEpicsScript.value(o, "TS:Alarm")));
            PyEpicsScript.await("eventsystem:list shows the refused simulation", Duration.ofSeconds(30), () -> {
                String list = console("eventsystem:list");
                return list.contains("etc/org.syncscope.eventsystem.sim-bad.cfg")
                        && list.contains("refused: etc/org.syncscope.eventsystem.sim-bad.cfg: clockRateHz = 'abc' "
                                + "is not a whole number")
                        && list.contains("etc/org.syncscope.eventsystem.sim-demo.cfg") && list.contains("running: ");
            });
        } finally {
            Files.write(timestamp, original, StandardCharsets.ISO_8859_1);
            Files.deleteIfExists(badSim);
        }
        PyEpicsScript.await("the refusal is gone once the file is fixed", Duration.ofSeconds(30),
                () -> !report().contains("PROBLEM:"));
        PyEpicsScript.awaitReading("TS:Alarm OK over CA once fixed", Duration.ofSeconds(30),
                () -> PyEpicsScript.run(CA_PORT, ALARM), o -> "OK".equals(PyEpicsScript.value(o, "TS:Alarm")));
    }

    private static final String ALARM = "import epics\nprint('TS:Alarm=%s' % epics.caget('TS:Alarm', as_string=True, timeout=10))\n";

    private String report() {
        return console("ts:report");
    }

    private String console(String command) {
        try {
            return SyncscopeServer.execute(sessionFactory, command);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void retarget(Path cfg, List<String> original, String filter) throws Exception {
        List<String> edited = original.stream()
                .map(l -> l.startsWith("eventSystem.target") ? "eventSystem.target = " + filter : l)
                .collect(Collectors.toList());
        Files.write(cfg, edited, StandardCharsets.ISO_8859_1);
    }

    /** The status of whichever TimestampService is registered now (the component may have been replaced). */
    private TimestampStatus status() {
        ServiceReference<TimestampService> ref = context.getServiceReference(TimestampService.class);
        if (ref == null) {
            return null;
        }
        TimestampService ts = context.getService(ref);
        try {
            return ts == null ? null : ts.status();
        } finally {
            context.ungetService(ref);
        }
    }
}
