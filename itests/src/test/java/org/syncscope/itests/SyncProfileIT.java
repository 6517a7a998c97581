package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * The sync profile end to end in a real Karaf: demo IOC → Channel Access → profile → our CA
 * server → pyepics; profiles added, edited and deleted as .cfg files; INVALID while an input is
 * gone; the console commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncProfileIT {

    static final int CA_PORT = 25066;

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

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT));
    }

    private ProfileConsole console;

    @Before
    public void console() {
        console = new ProfileConsole(sessionFactory, publisher, source);
    }

    @Test
    public void pyepicsReadsTheDemoProfileWithConfiguredRatesAndKnownPhases() throws Exception {
        // window 100 of a 1 Hz PV fills slowly; its average is exact from the second update on
        PyEpicsScript.await("DEMO:PV3:AvgFreq published and posted", Duration.ofSeconds(60), () -> console.postedValue("DEMO:PV3:AvgFreq"));
        String script = "import epics\n"
                + "for n in ['DEMO:PV1:AvgFreq', 'DEMO:PV2:AvgFreq', 'DEMO:PV3:AvgFreq',\n"
                + "          'DEMO:PV1_vs_DEMO:PV2:AvgDiff', 'DEMO:PV1_vs_DEMO:PV3:AvgDiff', 'DEMO:PV2_vs_DEMO:PV3:AvgDiff']:\n"
                + "    v = epics.caget(n, timeout=10)\n"
                + "    print('%s=%r' % (n, v))\n";
        // The demo stamps each post with the time it really went out, so a stall (Karaf booting, a
        // busy CI machine) stays in the 100-sample window for a while: read until the window has
        // left such stalls behind, and report the last reading if it never does.
        PyEpicsScript.awaitReading("the demo profile's rates and phases", Duration.ofSeconds(120),
                () -> profileReading(PyEpicsScript.run(CA_PORT, script)), r -> r.outOfTolerance().isEmpty());
    }

    @Test
    public void profilesFollowTheirConfigFiles() throws Exception {
        Path cfg = ProfileConsole.etc("org.syncscope.syncprofile-itest.cfg");
        Files.writeString(cfg, "pvs = DEMO:PV1, DEMO:PV3\nprefix = IT:\n", StandardCharsets.ISO_8859_1);
        PyEpicsScript.await("profile itest created", Duration.ofSeconds(30),
                () -> console.published().containsAll(Set.of("IT:DEMO:PV1:AvgFreq", "IT:DEMO:PV1_vs_DEMO:PV3:CurrentDiff")));
        try {
            PyEpicsScript.await("IT:DEMO:PV1 has samples", Duration.ofSeconds(30), () -> console.statusCell("itest", "DEMO:PV1", "Samples") >= 3);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + console.execute("syncprofile:list") + console.execute("syncprofile:status"), e);
        }
        // What a kept input has and a restarted one lacks: its count of updates only grows, while a
        // profile started again counts from 1 (the current value it is sent) at the demo's 10 Hz,
        // so it would be about ten seconds short of 100 when the edit shows.
        PyEpicsScript.await("DEMO:PV1 counted 100 updates in profile itest", Duration.ofSeconds(60),
                () -> console.statusCell("itest", "DEMO:PV1", "Updates") >= 100);
        long before = console.statusCell("itest", "DEMO:PV1", "Updates");

        Files.writeString(cfg, "pvs = DEMO:PV1, DEMO:PV2\nprefix = IT:\n", StandardCharsets.ISO_8859_1);
        PyEpicsScript.await("DEMO:PV3 replaced by DEMO:PV2", Duration.ofSeconds(30), () -> {
            Set<String> now = console.published();
            return now.contains("IT:DEMO:PV2:AvgFreq") && now.contains("IT:DEMO:PV1_vs_DEMO:PV2:StdDiff")
                    && !now.contains("IT:DEMO:PV3:AvgFreq") && !now.contains("IT:DEMO:PV1_vs_DEMO:PV3:CurrentDiff");
        });
        long after = console.statusCell("itest", "DEMO:PV1", "Updates");
        assertTrue("DEMO:PV1 kept its statistics: updates " + before + " before the edit, " + after + " after",
                after >= before);

        // a bad edit is refused and the profile keeps its settings
        Files.writeString(cfg, "pvs = DEMO:PV1, DEMO:PV2\nprefix = IT:\nwindow = 0\n", StandardCharsets.ISO_8859_1);
        PyEpicsScript.await("the refusal, where the operator looks", Duration.ofSeconds(30), () -> {
            try {
                return console.execute("syncprofile:list").contains("itest (etc/org.syncscope.syncprofile-itest.cfg): change "
                        + "refused, previous settings stay: window: 0 (must be at least 1)");
            } catch (Exception notYet) {
                return false;
            }
        });
        assertTrue(console.published().contains("IT:DEMO:PV2:AvgFreq"));
        assertTrue("the refused edit kept the statistics too", console.statusCell("itest", "DEMO:PV1", "Updates") >= after);
        String list = console.execute("syncprofile:list");
        assertTrue("window still 100:\n" + list, list.lines().anyMatch(l -> l.contains("itest") && l.contains("100")));
        // a good edit clears the refusal
        Files.writeString(cfg, "pvs = DEMO:PV1, DEMO:PV2\nprefix = IT:\nwindow = 50\n", StandardCharsets.ISO_8859_1);
        PyEpicsScript.awaitReading("the fixed file accepted", Duration.ofSeconds(30), () -> console.execute("syncprofile:list"),
                l -> !l.contains("change refused") && l.lines().anyMatch(r -> r.contains("itest") && r.contains("50")));

        Files.delete(cfg);
        PyEpicsScript.await("profile itest removed", Duration.ofSeconds(30),
                () -> console.published().stream().noneMatch(n -> n.startsWith("IT:")));
    }

    @Test
    public void outputsAreInvalidWhileAnInputIsGoneAndRecoverAfter() throws Exception {
        // An input of our own, so the demo PVs other tests measure are left alone.
        PublishedPv input = publishTicking("ITEST:GOING");
        console.execute("syncprofile:monitor --name gone --prefix GONE: ITEST:GOING DEMO:PV1");
        try {
            PyEpicsScript.await("GONE: outputs posted", Duration.ofSeconds(30), () -> console.postedValue("GONE:ITEST:GOING:AvgFreq")
                    && console.postedValue("GONE:DEMO:PV1:AvgFreq") && console.postedValue("GONE:ITEST:GOING_vs_DEMO:PV1:CurrentDiff"));
            stopTicking();
            input.close();
            PyEpicsScript.await("GONE:ITEST:GOING:AvgFreq INVALID", Duration.ofSeconds(30),
                    () -> console.severity("GONE:ITEST:GOING:AvgFreq") == AlarmSeverity.INVALID);
            PyEpicsScript.await("GONE:ITEST:GOING_vs_DEMO:PV1:CurrentDiff INVALID", Duration.ofSeconds(30),
                    () -> console.severity("GONE:ITEST:GOING_vs_DEMO:PV1:CurrentDiff") == AlarmSeverity.INVALID);
            // the input still ticking keeps its own statistics valid all along
            assertEquals(AlarmSeverity.NO_ALARM, console.severity("GONE:DEMO:PV1:AvgFreq"));
            publishTicking("ITEST:GOING");
            PyEpicsScript.await("GONE:ITEST:GOING:AvgFreq valid again", Duration.ofSeconds(30),
                    () -> console.severity("GONE:ITEST:GOING:AvgFreq") == AlarmSeverity.NO_ALARM);
        } finally {
            stopTicking();
            console.execute("syncprofile:stop gone");
        }
    }

    private java.util.concurrent.ScheduledExecutorService ticker;

    /** Publishes a PV posting at 20 Hz from this test. */
    private PublishedPv publishTicking(String name) {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble(name, "", 0, "test input"));
        ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> {
            java.time.Instant now = java.time.Instant.now();
            pv.post(new PvValue.DoubleValue(1), now.getEpochSecond() * 1_000_000_000L + now.getNano(),
                    AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }, 0, 50, TimeUnit.MILLISECONDS);
        return pv;
    }

    private void stopTicking() throws InterruptedException {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    public void consoleStartsShowsAndStopsAnAdHocProfile() throws Exception {
        String started = console.execute("syncprofile:monitor --name adhoc --prefix AH: DEMO:PV1 DEMO:PV2");
        assertTrue(started, started.contains("started sync profile adhoc"));
        PyEpicsScript.await("ad-hoc outputs", Duration.ofSeconds(30), () -> console.published().contains("AH:DEMO:PV1_vs_DEMO:PV2:AvgDiff"));
        PyEpicsScript.await("ad-hoc samples", Duration.ofSeconds(30), () -> console.statusCell("adhoc", "DEMO:PV1", "Samples") >= 2);
        String status = console.execute("syncprofile:status adhoc");
        assertTrue(status, status.contains("DEMO:PV1_vs_DEMO:PV2"));
        console.execute("syncprofile:stop adhoc");
        PyEpicsScript.await("ad-hoc profile removed", Duration.ofSeconds(30),
                () -> console.published().stream().noneMatch(n -> n.startsWith("AH:")));
    }

    /** What pyepics printed and which of it is outside the expected rates and phases. */
    private record ProfileReading(List<String> outOfTolerance, String output) {
        @Override
        public String toString() {
            return outOfTolerance + "\n" + output;
        }
    }

    private static ProfileReading profileReading(String out) {
        List<String> off = new ArrayList<>();
        within(off, out, "DEMO:PV1:AvgFreq", 10.0, 0.1);
        within(off, out, "DEMO:PV2:AvgFreq", 5.0, 0.05);
        within(off, out, "DEMO:PV3:AvgFreq", 1.0, 0.01);
        // the demo IOC's phases put PV2 30 ms and PV3 70 ms after PV1's grid: every difference is
        // negative (exactly -30, -70, -40 ms once boot-time scheduling delays leave the window)
        within(off, out, "DEMO:PV1_vs_DEMO:PV2:AvgDiff", -0.050, 0.049);
        within(off, out, "DEMO:PV1_vs_DEMO:PV3:AvgDiff", -0.050, 0.049);
        within(off, out, "DEMO:PV2_vs_DEMO:PV3:AvgDiff", -0.050, 0.049);
        return new ProfileReading(off, out);
    }

    private static void within(List<String> off, String output, String pv, double expected, double tolerance) {
        double v = Double.parseDouble(PyEpicsScript.value(output, pv));
        if (!(Math.abs(v - expected) <= tolerance)) {
            off.add(pv + " = " + v + ", expected " + expected + " ± " + tolerance);
        }
    }
}
