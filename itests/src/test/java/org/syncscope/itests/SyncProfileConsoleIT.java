package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
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
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;

/**
 * The sync profile console as an operator meets it: the natural first try of
 * {@code syncprofile:monitor}, refusals reported by the command and listed where the operator
 * looks, a bad value naming file and key, and names that are not names.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncProfileConsoleIT {

    static final int CA_PORT = 25220;
    static final int SSH_PORT = 18211;

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
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH_PORT)));
    }

    private ProfileConsole console;

    @Before
    public void console() {
        console = new ProfileConsole(sessionFactory, publisher, source);
    }

    @Test
    public void theNaturalFirstTryWorksBesideTheDemoProfile() throws Exception {
        console.awaitDemo();
        String started = console.execute("syncprofile:monitor DEMO:PV1 DEMO:PV2");
        assertTrue(started, started.startsWith("started sync profile adhoc-1 "));
        try {
            PyEpicsScript.await("adhoc-1's own outputs posted", Duration.ofSeconds(30),
                    () -> console.postedValue("adhoc-1:DEMO:PV1:AvgFreq") && console.postedValue("adhoc-1:DEMO:PV1_vs_DEMO:PV2:AvgDiff"));
            String list = console.execute("syncprofile:list");
            assertTrue(list, list.lines().anyMatch(l -> l.startsWith("adhoc-1") && l.contains("running")));
            assertFalse(list, list.contains("REFUSED"));
            assertTrue("the demo profile's outputs stay", console.postedValue("DEMO:PV1:AvgFreq"));
        } finally {
            console.execute("syncprofile:stop adhoc-1");
        }
        PyEpicsScript.await("adhoc-1 removed", Duration.ofSeconds(30),
                () -> console.published().stream().noneMatch(n -> n.startsWith("adhoc-1:")));
    }

    @Test
    public void aRefusedMonitorSaysWhyAndLeavesNoConfiguration() throws Exception {
        console.awaitDemo();
        String out = SyncscopeServer.run(sessionFactory, "syncprofile:monitor --name clash --prefix \"\" DEMO:PV1")
                .output();
        assertTrue(out, out.contains("sync profile clash refused, nothing kept: configuration refused: outputs "
                + "DEMO:PV1:* are published by sync profile demo (etc/org.syncscope.syncprofile-demo.cfg)"));
        assertFalse(out, out.contains("started"));
        assertFalse("no file left", Files.exists(ProfileConsole.etc("org.syncscope.syncprofile-clash.cfg")));
        PyEpicsScript.await("no configuration left", Duration.ofSeconds(30),
                () -> console.list().lines().noneMatch(l -> l.startsWith("clash")));
    }

    @Test
    public void stopWithAPatternDeletesNothing() throws Exception {
        console.awaitDemo();
        String out = SyncscopeServer.run(sessionFactory, "syncprofile:stop '*'").output();
        assertTrue(out, out.contains("'*' is not a profile name"));
        assertTrue(Files.exists(ProfileConsole.etc("org.syncscope.syncprofile-demo.cfg")));
        assertTrue(console.list().lines().anyMatch(l -> l.startsWith("demo") && l.contains("running")));
        assertTrue(SyncscopeServer.run(sessionFactory, "syncprofile:status 'demo)(x=*'").output()
                .contains("is not a profile name"));
    }

    @Test
    public void aValueThatIsNotANumberIsListedNamingFileAndKeyAndLoggedOnce() throws Exception {
        console.awaitDemo();
        Path cfg = ProfileConsole.etc("org.syncscope.syncprofile-abc.cfg");
        Files.writeString(cfg, "pvs = DEMO:PV1\nprefix = ABC:\nwindow = abc\n", StandardCharsets.ISO_8859_1);
        try {
            String reason = "abc (etc/org.syncscope.syncprofile-abc.cfg): configuration refused: window = 'abc' is "
                    + "not a whole number";
            PyEpicsScript.await("the refusal in syncprofile:list", Duration.ofSeconds(30), () -> console.list().contains(reason));
            assertTrue(console.list().lines().anyMatch(l -> l.startsWith("abc") && l.contains("REFUSED")));
            String status = console.execute("syncprofile:status abc");
            assertEquals("Profile abc (etc/org.syncscope.syncprofile-abc.cfg): REFUSED: configuration refused: "
                    + "window = 'abc' is not a whole number", status.trim());
            List<String> log = Files.readAllLines(Paths.get(System.getProperty("karaf.data"), "log", "karaf.log"),
                    StandardCharsets.UTF_8);
            List<String> mentions = log.stream().filter(l -> l.contains("window = 'abc'")).toList();
            assertEquals(String.join("\n", mentions), 1, mentions.size());
            assertTrue(mentions.get(0), mentions.get(0).contains("ERROR"));
            List<String> traces = log.stream().filter(l -> l.contains("Exception")
                    && (l.contains("syncprofile") || l.contains("Sync profile"))).toList();
            assertTrue("no SCR stack trace:\n" + String.join("\n", traces), traces.isEmpty());
            assertTrue(console.published().stream().noneMatch(n -> n.startsWith("ABC:") || n.startsWith("SYNCPROFILE:abc")));
        } finally {
            Files.deleteIfExists(cfg);
        }
        PyEpicsScript.await("the refusal gone with its file", Duration.ofSeconds(30),
                () -> console.list().lines().noneMatch(l -> l.startsWith("abc")));
    }

    @Test
    public void aSecondConfigurationOfARunningNameIsListedAndBuildsNothing() throws Exception {
        console.awaitDemo();
        Path cfg = ProfileConsole.etc("org.syncscope.syncprofile-dup.cfg");
        Files.writeString(cfg, "name = demo\npvs = DEMO:PV1, DEMO:PV2\nprefix = DUP:\n", StandardCharsets.ISO_8859_1);
        try {
            String reason = "demo (etc/org.syncscope.syncprofile-dup.cfg): configuration refused: a sync profile "
                    + "named demo is already running (etc/org.syncscope.syncprofile-demo.cfg)";
            PyEpicsScript.await("the refusal in syncprofile:list", Duration.ofSeconds(30), () -> console.list().contains(reason));
            String status = console.execute("syncprofile:status demo");
            assertTrue(status, status.contains("Profile demo (etc/org.syncscope.syncprofile-dup.cfg): REFUSED: "
                    + "configuration refused: a sync profile named demo is already running"));
            assertTrue(console.published().stream().noneMatch(n -> n.startsWith("DUP:")));
        } finally {
            Files.deleteIfExists(cfg);
        }
        PyEpicsScript.await("the refusal gone with its file", Duration.ofSeconds(30),
                () -> !console.list().contains("syncprofile-dup.cfg"));
        assertTrue("the first keeps running", console.postedValue("DEMO:PV1:AvgFreq"));
    }
}
