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
        }
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
