package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * The pmc adapter in a real Karaf against two real ptp4l clocks: started in the test JVM before
 * Karaf (see {@link PtpPeers}), their socket paths and the grandmaster's identity handed to the
 * container as configuration and system properties.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PmcIT {

    static final int CA_PORT = 25068;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;

    @Configuration
    public Option[] config() throws Exception {
        Map<String, String> ptp = PtpPeers.start();
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT),
                PtpOptions.pmcOnGrandmaster(ptp, "publishPeriodSeconds", "1"),
                systemProperty("test.ptp.slave.socket").value(ptp.get("slave.socket")));
    }

    @Test
    public void hostCommandAndPvsShowTheRealGrandmaster() throws Exception {
        String gm = System.getProperty("test.ptp.gm.identity");
        String out = SyncscopeServer.execute(sessionFactory, "ptp:host");
        assertTrue(out, out.contains("Role=Grandmaster, stepsRemoved=0, offsetFromMaster=0.0, meanPathDelay=0.0, "
                + "GrandmasterClockID=" + gm));
        assertTrue(out, out.contains(gm + "-1: MASTER"));
        assertTrue(out, out.contains("(native " + System.getProperty("test.ptp.gm.socket") + ")"));

        String raw = SyncscopeServer.execute(sessionFactory, "ptp:host --raw default_data_set");
        assertTrue(raw, raw.contains("priority1") && raw.contains("127") && raw.contains(gm));

        String script = "import epics\n"
                + "for n in ['Role', 'PortState', 'StepsRemoved', 'GrandmasterId']:\n"
                + "    pv = epics.PV('PTP:HOST:' + n)\n"
                + "    v = pv.get(as_string=True, timeout=10)\n"
                + "    print('%s=%s' % (n, v))\n"
                + "    print('%s.severity=%s' % (n, pv.severity))\n";
        out = PyEpicsScript.run(CA_PORT, script);
        assertEquals(out, "GRANDMASTER", PyEpicsScript.value(out, "Role"));
        assertEquals(out, "MASTER", PyEpicsScript.value(out, "PortState"));
        assertEquals(out, "0", PyEpicsScript.value(out, "StepsRemoved"));
        assertEquals(out, gm, PyEpicsScript.value(out, "GrandmasterId"));
        assertEquals(out, "0", PyEpicsScript.value(out, "Role.severity"));
    }

    @Test
    public void editingTheCfgSwitchesModeSocketAndSaysWhatIsWrong() throws Exception {
        Path cfg = Paths.get(System.getProperty("karaf.etc")).resolve("org.syncscope.pmc.cfg");
        List<String> original = Files.readAllLines(cfg, StandardCharsets.ISO_8859_1);
        String slave = System.getProperty("test.ptp.slave.socket");
        try {
            edit(cfg, original, Map.of("mode", "command", "socket", slave));
            PyEpicsScript.await("ptp:host through pmc on the slave", Duration.ofSeconds(20),
                    () -> attempt("ptp:host").contains("(command "));
            String out = attempt("ptp:host");
            assertTrue(out, out.contains("Role=Slave, stepsRemoved=1,"));
            assertTrue(out, out.contains("GrandmasterClockID=" + System.getProperty("test.ptp.gm.identity")));
            assertTrue(out, out.contains("-1: SLAVE"));

            edit(cfg, original, Map.of("socket", "/nonexistent/ptp4l"));
            PyEpicsScript.await("ptp:host on a missing socket", Duration.ofSeconds(20),
                    () -> attempt("ptp:host").contains("no ptp4l socket at /nonexistent/ptp4l"));
            String script = "import epics, time\n"
                    + "pv = epics.PV('PTP:HOST:Role')\n"
                    + "pv.get(timeout=10)\n"
                    + "time.sleep(2.5)\n"
                    + "print('Role=%s' % pv.get(as_string=True, timeout=10))\n"
                    + "print('severity=%s' % pv.severity)\n";
            String pvs = PyEpicsScript.run(CA_PORT, script);
            assertEquals(pvs, "UNKNOWN", PyEpicsScript.value(pvs, "Role"));
            assertEquals(pvs, "3", PyEpicsScript.value(pvs, "severity"));   // INVALID

            edit(cfg, original, Map.of("mode", "sometimes"));
            Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
            PyEpicsScript.await("the bad mode refused", Duration.ofSeconds(20), () -> contains(log,
                    "change refused, previous settings stay: etc/org.syncscope.pmc.cfg: mode 'sometimes' is neither"));
            // refused: the previous (native, missing socket) settings stay
            assertTrue(attempt("ptp:host").contains("no ptp4l socket at /nonexistent/ptp4l"));
        } finally {
            Files.write(cfg, original, StandardCharsets.ISO_8859_1);
        }
        // Karaf writes an updated configuration back to its file: a write-back of the refused edit
        // can land after the restore above; then the restore is written again
        PyEpicsScript.await("back on the grandmaster", Duration.ofSeconds(30), () -> {
            if (contains(cfg, "sometimes")) {
                try {
                    Files.write(cfg, original, StandardCharsets.ISO_8859_1);
                } catch (java.io.IOException e) {
                    return false;
                }
            }
            return attempt("ptp:host").contains("Role=Grandmaster");
        });
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Runs a command; returns its output, or that and the error it failed with. */
    private String attempt(String command) {
        return SyncscopeServer.run(sessionFactory, command).output();
    }

    private static void edit(Path cfg, List<String> original, Map<String, String> values) throws Exception {
        List<String> edited = original.stream().map(line -> {
            for (Map.Entry<String, String> v : values.entrySet()) {
                if (line.startsWith(v.getKey() + " ") || line.startsWith(v.getKey() + "=")) {
                    return v.getKey() + " = " + v.getValue();
                }
            }
            return line;
        }).collect(Collectors.toList());
        Files.write(cfg, edited, StandardCharsets.ISO_8859_1);
    }
}
