package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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

/**
 * ptp:check and ptp:timestat end to end on real GigE Vision devices (Aravis's fake cameras on
 * 127.0.0.2–.5) through the Aravis driver, with a real ptp4l grandmaster as the host; the camera
 * driver swapped to the simulated one and back by editing camera.target.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AravisIT {

    static final int CA_PORT = 25070;
    static final long T = 1_759_801_914_897_358_848L;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;


    @Configuration
    public Option[] config() throws Exception {
        Map<String, String> ptp = PtpPeers.start();
        FakeCameraPeers.start();
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT),
                PtpOptions.pmcOnGrandmaster(ptp),
                PtpOptions.checkOnDriver("aravis"));
    }

    private SyncscopeServer.CommandRun run(String command) {
        return SyncscopeServer.run(sessionFactory, command);
    }

    private String output(String command) {
        SyncscopeServer.CommandRun r = run(command);
        return r.output();
    }

    /** arv-tool-0.8, another GigE Vision client, sets the fakes' registers. */
    private static String arvTool(String address, String... assignments) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/arv-tool-0.8", "-a", address, "control"));
        command.addAll(List.of(assignments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue("arv-tool finished", p.waitFor(20, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Before
    public void aravisAvailable() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String drivers = output("camera:drivers");
        while (!drivers.contains("aravis   available") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            drivers = output("camera:drivers");
        }
        assertTrue("camera:drivers: " + drivers + "\nbundles:\n" + output("bundle:list -s"),
                drivers.contains("aravis   available"));
    }

    @Test
    public void checkAndTimestatOnGigEVisionCameras() throws Exception {
        String listed = output("camera:list --driver aravis");
        assertTrue(listed, listed.contains("ARV-SFNC-1") && listed.contains("127.0.0.4") && listed.contains("ARV-NOPTP-4"));

        arvTool("127.0.0.2", "PtpStatus=Slave");
        arvTool("127.0.0.3", "PtpStatus=Slave");
        arvTool("127.0.0.4", "GevIEEE1588Status=Slave");
        SyncscopeServer.CommandRun check = run("ptp:check --timeout-s 10");
        String gm = System.getProperty("test.ptp.gm.identity");
        assertTrue(check.output(), check.output().contains("GrandmasterClockID=" + gm));
        assertTrue(check.output(), check.output().contains(": PTP=N/A, Status=Unknown"));
        // the summary lists states in discovery order, which the network decides
        assertTrue(check.output(), check.output().contains("✅ PTP sync OK: Host=Grandmaster, Cameras=")
                && check.output().contains("Slave×3") && check.output().contains("N/A×1"));
        assertEquals(check.output(), 0, check.result());
        assertTrue(arvTool("127.0.0.2", "PtpEnable").contains("PtpEnable = true"));

        arvTool("127.0.0.2", "TimestampLatchValue=" + (T - 1_631_232));
        arvTool("127.0.0.3", "TimestampLatchValue=" + (T + 638_208));
        arvTool("127.0.0.4", "GevTimestampValue=" + (T + 1_601_536));
        SyncscopeServer.CommandRun stat = run("ptp:timestat --serials ARV-SFNC-1,ARV-SFNC-2,ARV-GEV-3 --threshold-ns 1000000");
        assertTrue(stat.output(), stat.output().contains("serial=ARV-SFNC-1, camera_time_ns=" + (T - 1_631_232)
                + ", delta_to_median_ms=-2.269440, verdict=NG"));
        assertTrue(stat.output(), stat.output().contains("serial=ARV-SFNC-2, camera_time_ns=" + (T + 638_208)
                + ", delta_to_median_ms= 0.000000, verdict=OK"));
        assertTrue(stat.output(), stat.output().contains("serial=ARV-GEV-3, camera_time_ns=" + (T + 1_601_536)
                + ", delta_to_median_ms= 0.963328, verdict=OK"));
        assertEquals(stat.output(), 2, stat.result());

        SyncscopeServer.CommandRun none = run("ptp:timestat");
        assertTrue(none.output(), none.output().contains("ERROR: latching camera ARV-NOPTP-4 failed"));
        assertEquals(none.output(), 1, none.result());

        String feature = output("camera:feature ARV-SFNC-2 PtpStatus");
        assertTrue(feature, feature.contains("PtpStatus = Slave"));
        assertTrue(output("camera:feature ARV-SFNC-2 PtpStatus=Master").contains("PtpStatus written"));
        assertTrue(arvTool("127.0.0.3", "PtpStatus").contains("PtpStatus = Master"));
        String bad = output("camera:feature ARV-SFNC-2 PtpEnable=maybe");
        assertTrue(bad, bad.contains("'maybe' is not a boolean"));
    }

    @Test
    public void aMissingLibraryLeavesTheBundleActiveAndSaysWhy() throws Exception {
        Path cfg = Paths.get(System.getProperty("karaf.etc")).resolve("org.syncscope.camera.aravis.cfg");
        List<String> original = Files.readAllLines(cfg, StandardCharsets.ISO_8859_1);
        try {
            Files.write(cfg, original.stream().map(l -> l.startsWith("libraryPath")
                    ? "libraryPath = /nonexistent/libaravis-0.8.so.0" : l).collect(Collectors.toList()), StandardCharsets.ISO_8859_1);
            PyEpicsScript.await("aravis unavailable", Duration.ofSeconds(30),
                    () -> output("camera:drivers").contains("aravis   unavailable: cannot load /nonexistent/libaravis-0.8.so.0"));
            String bundles = output("bundle:list -s");
            assertTrue(bundles, bundles.lines().anyMatch(l -> l.contains("org.syncscope.camera.aravis") && l.contains("Active")));
            String listed = output("camera:list --driver aravis");
            assertTrue(listed, listed.contains("no camera driver 'aravis' is available"));
        } finally {
            Files.write(cfg, original, StandardCharsets.ISO_8859_1);
        }
        PyEpicsScript.await("aravis available again", Duration.ofSeconds(30),
                () -> output("camera:drivers").contains("aravis   available"));
    }

    @Test
    public void swappingToSimAndBackLive() throws Exception {
        Path cfg = Paths.get(System.getProperty("karaf.etc")).resolve("org.syncscope.ptpcheck.cfg");
        List<String> original = Files.readAllLines(cfg, StandardCharsets.ISO_8859_1);
        try {
            Files.write(cfg, original.stream().map(l -> l.startsWith("camera.target")
                    ? "camera.target = (&(driver=sim)(name=demo))" : l).collect(Collectors.toList()), StandardCharsets.ISO_8859_1);
            PyEpicsScript.await("ptp:check on the simulated cameras", Duration.ofSeconds(30),
                    () -> output("ptp:check --timeout-s 5").contains("(05520129)"));
        } finally {
            Files.write(cfg, original, StandardCharsets.ISO_8859_1);
        }
        PyEpicsScript.await("ptp:check on the Aravis cameras again", Duration.ofSeconds(30),
                () -> output("ptp:check --timeout-s 5").contains("(ARV-SFNC-1)"));
    }
}
