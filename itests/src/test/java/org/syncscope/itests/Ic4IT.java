package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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

/**
 * ptp:check and ptp:timestat end to end with camera.target=(driver=ic4) in a real Karaf, the IC4
 * driver loading the C test double of IC4's library (no real IC4 SDK or camera exists here), a
 * real ptp4l grandmaster as the host.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Ic4IT {

    static final int CA_PORT = 25071;
    static final long T = 1_759_801_914_897_358_848L;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;

    @Configuration
    public Option[] config() throws Exception {
        Map<String, String> ptp = PtpPeers.start();
        org.syncscope.camera.ic4.testing.Ic4Double ic4 = Ic4DoublePeer.build(cameras(0));
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT),
                PtpOptions.pmcOnGrandmaster(ptp),
                PtpOptions.checkOnDriver("ic4"),
                editConfigurationFilePut("etc/org.syncscope.camera.ic4.cfg", "libraryPath", ic4.library().toString()));
    }

    /** Three TIS cameras (the reference output's offsets) and one without PTP; latch values around T. */
    static List<String> cameras(long shift) {
        return List.of("05520125|DFK 33GR0234|enp3s0|sfnc|Slave|" + (T - 1_631_232 + shift) + "|-",
                "05520126|DFK 33GR0234|enp3s0|sfnc|Slave|" + (T - 638_208 + shift) + "|-",
                "05520128|DFK 33GR0234|enp3s0|gev|Slave|" + (T + 638_208 + shift) + "|-",
                "05520129|DFK 33GR0234|enp3s0|sfnc|Slave|" + (T + 1_601_536 + shift) + "|-");
    }

    private SyncscopeServer.CommandRun run(String command) {
        return SyncscopeServer.run(sessionFactory, command);
    }

    @Before
    public void ic4Available() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String drivers = run("camera:drivers").output();
        while (!drivers.contains("ic4      available") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            drivers = run("camera:drivers").output();
        }
        assertTrue("camera:drivers: " + drivers, drivers.contains("ic4      available"));
    }

    @Test
    public void checkAndTimestatThroughTheIc4Driver() throws Exception {
        String listed = run("camera:list --driver ic4").output();
        assertTrue(listed, listed.contains("05520128") && listed.contains("DFK 33GR0234"));

        SyncscopeServer.CommandRun check = run("ptp:check --timeout-s 10");
        assertTrue(check.output(), check.output().contains("GrandmasterClockID=" + System.getProperty("test.ptp.gm.identity")));
        assertTrue(check.output(), check.output().contains("[2] 05520128: PTP=Enabled, Status=Slave"));
        assertTrue(check.output(), check.output().contains("✅ PTP sync OK: Host=Grandmaster, Cameras=Slave"));
        assertEquals(check.output(), 0, check.result());

        SyncscopeServer.CommandRun stat = run("ptp:timestat --samples 2 --threshold-ns 1000000");
        assertTrue(stat.output(), stat.output().contains("serial=05520125, camera_time_ns=" + (T - 1_631_232)
                + ", delta_to_median_ms=-1.631232, verdict=NG"));
        assertTrue(stat.output(), stat.output().contains("serial=05520126, camera_time_ns=" + (T - 638_208)
                + ", delta_to_median_ms=-0.638208, verdict=OK"));
        assertTrue(stat.output(), stat.output().contains("serial=05520129, mean_delta_ns=1601536, stddev_ns=0, "
                + "max_abs_delta_ns=1601536, verdict=NG"));
        assertTrue(stat.output(), stat.output().contains("Max_abs_delta_ns=1631232"));
        assertEquals(stat.output(), 2, stat.result());

        SyncscopeServer.CommandRun within = run("ptp:timestat");
        assertEquals(within.output(), 0, within.result());
    }

    @Test
    public void withoutTheLibraryTheBundleStaysActiveAndSaysWhy() throws Exception {
        java.nio.file.Path cfg = java.nio.file.Paths.get(System.getProperty("karaf.etc")).resolve("org.syncscope.camera.ic4.cfg");
        List<String> original = java.nio.file.Files.readAllLines(cfg, StandardCharsets.ISO_8859_1);
        try {
            java.nio.file.Files.write(cfg, original.stream().map(l -> l.startsWith("libraryPath")
                    ? "libraryPath = ic4core" : l).collect(java.util.stream.Collectors.toList()), StandardCharsets.ISO_8859_1);
            PyEpicsScript.await("ic4 unavailable", java.time.Duration.ofSeconds(30),
                    () -> run("camera:drivers").output().contains("ic4      unavailable: cannot load ic4core (install The Imaging "
                            + "Source IC4 SDK or set libraryPath"));
            String bundles = run("bundle:list -s").output();
            assertTrue(bundles, bundles.lines().anyMatch(l -> l.contains("org.syncscope.camera.ic4") && l.contains("Active")));
            SyncscopeServer.CommandRun check = run("ptp:check");
            assertTrue(check.output(), check.output().contains("ERROR: no camera driver matches camera.target=(driver=ic4)"));
            assertEquals(check.output(), 1, check.result());
        } finally {
            java.nio.file.Files.write(cfg, original, StandardCharsets.ISO_8859_1);
        }
        ic4Available();
    }
}
