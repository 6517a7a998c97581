package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import org.ops4j.pax.exam.util.Filter;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

/**
 * Channel Access in a real Karaf: the ca, cas and demo features are installed, the demo PVs are
 * served, the EPICS C library (pyepics) reads one from outside Karaf, and the console and the
 * PvSource service read them back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChannelAccessIT {

    static final int CA_PORT = 25064;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    @Filter("(protocol=ca)")
    private PvSource source;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT));
    }

    @Test
    public void channelAccessFeaturesAreInstalled() throws Exception {
        for (String f : new String[] {"syncscope-ca", "syncscope-cas", "syncscope-demo"}) {
            assertTrue(f + " installed", features.isInstalled(features.getFeature(f)));
        }
    }

    @Test
    public void theEpicsCLibraryReadsADemoPvFromOutsideKaraf() throws Exception {
        String script = "import epics, time\n"
                + "pv = epics.PV('DEMO:PV1')\n"
                + "assert pv.wait_for_connection(timeout=10), 'not connected'\n"
                + "v = pv.get(timeout=5)\n"
                + "tv = pv.get_timevars(timeout=5)\n"
                + "print('value=%r' % v)\n"
                + "print('severity=%s' % tv['severity'])\n"
                + "print('age=%.3f' % (time.time() - tv['timestamp']))\n";
        String out = PyEpicsScript.run(CA_PORT, script);
        double value = Double.parseDouble(PyEpicsScript.value(out, "value"));
        assertTrue("a sine value: " + value, value >= -1 && value <= 1);
        assertEquals("0", PyEpicsScript.value(out, "severity"));
        double age = Double.parseDouble(PyEpicsScript.value(out, "age"));
        // 10 Hz, so normally under 0.1 s; a few seconds allow for a stalled machine, not for a stale PV
        assertTrue("DEMO:PV1 (10 Hz) was stamped in the last few seconds, age " + age, age >= -1 && age < 5);
    }

    @Test
    public void consoleListsAndReadsTheDemoPvs() throws Exception {
        String list = execute("pv:list");
        for (String pv : new String[] {"DEMO:PV1", "DEMO:PV2", "DEMO:PV3"}) {
            assertTrue("pv:list shows " + pv + ":\n" + list, list.contains(pv));
        }
        String get = execute("pv:get DEMO:PV2");
        assertTrue("pv:get prints the PV:\n" + get, get.startsWith("DEMO:PV2 "));
        String monitor = execute("pv:monitor --count 3 DEMO:PV1");
        assertEquals("three updates printed:\n" + monitor, 3, monitor.lines().filter(l -> l.startsWith("DEMO:PV1 2")).count());
    }

    @Test
    public void thePvSourceServiceDeliversDemoUpdates() throws Exception {
        BlockingQueue<PvUpdate> updates = new LinkedBlockingQueue<>();
        long last = 0;
        try (Subscription s = source.subscribe("DEMO:PV2", updates::add)) {
            for (int i = 0; i < 5; i++) {
                PvUpdate u = updates.poll(10, TimeUnit.SECONDS);
                assertTrue("update " + i + " of the 5 Hz PV within 10 s", u != null);
                assertTrue("timestamps increase", u.sourceTimeNanos() > last);
                last = u.sourceTimeNanos();
            }
            assertTrue(s.isConnected());
        }
        assertTrue(Duration.ofNanos(System.currentTimeMillis() * 1_000_000L - last).abs().getSeconds() < 10);
    }

    /**
     * The UDP guard is in place inside Karaf (jca exports none of the CAJ internals it reaches): an
     * EVENT_ADD datagram to the CA port, on which CAJ's own handler throws a ClassCastException and
     * logs its stack trace, is refused with one WARN line naming the sender, and searches still work.
     */
    @Test
    public void aMalformedDatagramIsRefusedWithAWarnLineNotAStackTrace() throws Exception {
        ByteBuffer eventAdd = ByteBuffer.allocate(32).putShort((short) 1).putShort((short) 16).putShort((short) 14)
                .putShort((short) 1).putInt(1).putInt(1);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.send(new DatagramPacket(eventAdd.array(), 32, InetAddress.getLoopbackAddress(), CA_PORT));
        }
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            if (text.contains("refused UDP input from 127.0.0.1")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue("karaf.log has the refusal:\n" + tail(text), text.contains("refused UDP input from 127.0.0.1"));
        assertTrue("no guard failure logged", !text.contains("the guard failed"));
        assertTrue("no ClassCastException from CAJ", !text.contains("cannot be cast to class com.cosylab.epics.caj.cas.CASTransport"));
        String out = PyEpicsScript.run(CA_PORT, "import epics\n"
                + "pv = epics.PV('DEMO:PV2')\n"
                + "assert pv.wait_for_connection(timeout=10), 'not connected'\n"
                + "print('value=%r' % pv.get(timeout=5))\n");
        Double.parseDouble(PyEpicsScript.value(out, "value"));
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private String execute(String command) throws Exception {
        return SyncscopeServer.execute(sessionFactory, command);
    }
}
