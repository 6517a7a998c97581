package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.ops4j.pax.exam.util.Filter;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * TIMEAV in a real Karaf: the demo device over DEMO:PV1 and devices added as .cfg files over a
 * constant PV, read by pyepics; a CA put on :Reset and on the reset-all PV restarts them (the
 * old value INVALID/UDF until the first new average); a bad expression in one device leaves the
 * others running; a file without a name is listed as refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TimeavIT {

    static final int CA_PORT = 25072;
    /**
     * Python reading TEST:RUN:Status until the reset shows (the device restarts on its own thread)
     * or 10 s pass, then printing it: a reset device waits 5 s for its 50 points.
     */
    private static final String WAIT_FOR_WAITING = "import time\n"
            + "deadline = time.time() + 10\n"
            + "status = ''\n"
            + "while time.time() < deadline:\n"
            + "    status = epics.caget('TEST:RUN:Status', as_string=True, timeout=5) or ''\n"
            + "    if status.startswith('waiting for'):\n"
            + "        break\n"
            + "    time.sleep(0.05)\n"
            + "print('status=%s' % status)\n";

    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    @Filter("(protocol=ca)")
    private PvPublisher publisher;

    private PublishedPv constant;
    private Path etc;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT));
    }

    @Before
    public void constantInput() {
        constant = publisher.publish(PvSpec.ofDouble("TEST:CONST", "", 3, "a constant input"));
        constant.post(new PvValue.DoubleValue(2.5), System.currentTimeMillis() * 1_000_000L, AlarmSeverity.NO_ALARM,
                AlarmStatus.NO_ALARM);
        etc = Paths.get(System.getProperty("karaf.etc"));
    }

    @After
    public void removeDevices() throws Exception {
        for (String f : List.of("org.syncscope.timeav-avg.cfg", "org.syncscope.timeav-run.cfg", "org.syncscope.timeav-bad.cfg",
                "org.syncscope.timeav-noname.cfg")) {
            Files.deleteIfExists(etc.resolve(f));
        }
        constant.close();
    }

    private void device(String file, String name, String expression) throws Exception {
        Files.writeString(etc.resolve("org.syncscope.timeav-" + file + ".cfg"),
                "name = " + name + "\nexpression = " + expression + "\n", StandardCharsets.ISO_8859_1);
    }

    private String run(String command) {
        return SyncscopeServer.run(sessionFactory, command).output();
    }

    private static String caget(String pv) throws Exception {
        String out = PyEpicsScript.run(CA_PORT, "import epics\nprint('v=%s' % epics.caget('" + pv + "', as_string=True, timeout=5))\n");
        return PyEpicsScript.value(out, "v");
    }

    @Test
    public void averagesReadByTheEpicsCLibrary() throws Exception {
        device("avg", "TEST:AVG", "TEST:CONST | p,100 | p,500 | 0");
        device("bad", "TEST:BAD", "TEST:CONST | p,100 | p,500 | 0 | median");
        PyEpicsScript.await("TEST:AVG = 2.5", Duration.ofSeconds(30), () -> number("TEST:AVG") == 2.5);
        PyEpicsScript.await("TEST:BAD:Status names the bad field", Duration.ofSeconds(30),
                () -> attempt("TEST:BAD:Status").startsWith("DAE_INVALID_SETTING: calcDirection"));
        String listed = run("timeav:list");
        assertTrue(listed, listed.contains("DAE_INVALID_SETTING: calcDirection at position 34: 'median' is not null, "
                + "diff, sum, sd, life or nlife"));
        assertTrue(caget("TEST:AVG:Status"), caget("TEST:AVG:Status").startsWith("running"));

        // the demo device: sd of one period of the 0.1 Hz sine, 1/sqrt(2)
        PyEpicsScript.await("DEMO:PV1:SD running", Duration.ofSeconds(40), () -> attempt("DEMO:PV1:SD:Status").startsWith("running"));
        // 100 samples 100 ms apart cover one period exactly only when the sampler kept time: a
        // stall on a busy machine skews one window, the next ones are right again
        PyEpicsScript.awaitReading("DEMO:PV1:SD = 1/sqrt(2) ± 0.03", Duration.ofSeconds(60),
                () -> number("DEMO:PV1:SD"), sd -> Math.abs(sd - 1 / Math.sqrt(2)) <= 0.03);
    }

    @Test
    public void resetByCaPutAndResetAll() throws Exception {
        device("run", "TEST:RUN", "TEST:CONST | p,100 | null | 50 | sum");
        PyEpicsScript.await("TEST:RUN = 125", Duration.ofSeconds(30), () -> number("TEST:RUN") == 125.0);
        String put = PyEpicsScript.run(CA_PORT, "import epics\n"
                + "epics.caput('TEST:RUN:Reset', 1, wait=True, timeout=5)\n"
                + WAIT_FOR_WAITING
                + "out = epics.PV('TEST:RUN', auto_monitor=False)\n"
                + "out.wait_for_connection(5)\n"
                + "md = out.get_with_metadata(use_monitor=False, form='time', timeout=5)\n"
                + "print('alarm=%s/%s value=%s' % (md['severity'], md['status'], md['value']))\n");
        assertTrue(put, PyEpicsScript.value(put, "status").startsWith("waiting for"));
        // the sum of 50 is 5 s away: the old one stays readable, INVALID (3) with UDF (17), until then
        assertEquals(put, "3/17 value=125.0", PyEpicsScript.value(put, "alarm"));
        PyEpicsScript.await("TEST:RUN running again", Duration.ofSeconds(30), () -> attempt("TEST:RUN:Status").startsWith("running"));
        String all = PyEpicsScript.run(CA_PORT, "import epics\n"
                + "epics.caput('TIMEAV:ResetAll', 1, wait=True, timeout=5)\n"
                + WAIT_FOR_WAITING);
        assertTrue(all, PyEpicsScript.value(all, "status").startsWith("waiting for"));
        String reset = run("timeav:reset TEST:RUN");
        assertTrue(reset, reset.contains("restarted TEST:RUN"));
        String none = run("timeav:reset NOPE");
        assertTrue(none, none.contains("no TIMEAV device NOPE"));
    }

    @Test
    public void checkExplainsOrSaysWhy() {
        String ok = run("timeav:check \"M:BLOW | p,2000,true | p,10000,true | 0 | diff\"");
        assertTrue(ok, ok.contains("the mean minus the previous mean"));
        String bad = run("timeav:check \"M:BLOW | p,2000 | p,10000 | x\"");
        assertTrue(bad, bad.contains("DAE_INVALID_SETTING: maxPoints at position 29: 'x' is not an integer"));
        String zero = run("timeav:check \"M:TOR109 | e,81 | e,0 | 0 | sum\"");
        assertTrue(zero, zero.contains("DAE_INVALID_SETTING: computeEvent at position 19: clock event 0 never occurs"));
    }

    @Test
    public void aConfigurationWithoutNameIsListedAsRefusedNamingItsFile() throws Exception {
        Files.writeString(etc.resolve("org.syncscope.timeav-noname.cfg"), "expression = TEST:CONST | p,100 | null | 1\n",
                StandardCharsets.ISO_8859_1);
        PyEpicsScript.await("timeav:list shows the refused file", Duration.ofSeconds(30),
                () -> run("timeav:list").contains("-  (etc/org.syncscope.timeav-noname.cfg)\n  state:      refused: "
                        + "etc/org.syncscope.timeav-noname.cfg: no name: add name = <the output PV>"));
        Files.writeString(etc.resolve("org.syncscope.timeav-noname.cfg"),
                "name = TEST:NAMED\nexpression = TEST:CONST | p,100 | null | 1\n", StandardCharsets.ISO_8859_1);
        PyEpicsScript.await("the named device runs", Duration.ofSeconds(30), () -> number("TEST:NAMED") == 2.5);
        String listed = run("timeav:list");
        assertTrue(listed, listed.contains("TEST:NAMED  (etc/org.syncscope.timeav-noname.cfg)\n  state:      running"));
    }

    /** The PV's value as a number, NaN while it cannot be read. */
    private static double number(String pv) {
        try {
            return Double.parseDouble(attempt(pv));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String attempt(String pv) {
        try {
            return caget(pv);
        } catch (Exception | AssertionError e) {
            return "";
        }
    }
}
