package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.pmc.testing.PmcAdapters;
import org.syncscope.pmc.testing.PtpPair;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.command.CheckPrinter;
import org.syncscope.ptpcheck.command.Labels;

/** ptp:check's host side from two real ptp4l clocks (the pmc adapter's namespace pair). */
class RealHostCheckTest {

    private static PtpPair pair;
    private static String gmIdentity;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        pair = PtpPair.start();
        Matcher m = Pattern.compile("clockIdentity\\s+(\\S+)").matcher(pair.pmc(pair.grandmasterSocket(), "GET DEFAULT_DATA_SET"));
        assertThat(m.find()).isTrue();
        gmIdentity = m.group(1);
        dir = Files.createTempDirectory("ptpcheck-host");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
        Files.deleteIfExists(dir);
    }

    private String check(Path socket, boolean converged) throws Exception {
        List<String> log = ScriptedCamera.newLog();
        List<Camera> cams = List.of(ScriptedCamera.slave("C1", log), ScriptedCamera.slave("C2", log));
        // through the pmc adapter, the one poller of ptp4l, as in the server
        try (PmcAdapters.Running pmc = PmcAdapters.nativeOn(socket, dir, "timeoutMs", "1000")) {
            HostPtpReadings host = pmc.readings();
            CheckResult r = new ConvergenceCheck(new ManualTicker()).run(cams, host, 5_000, 500);
            assertThat(r.convergence().converged()).isEqualTo(converged);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new CheckPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), Labels.EN).result(r);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void grandmasterHostWithSlaveCameras() throws Exception {
        String out = check(pair.grandmasterSocket(), true);
        assertThat(out).contains("Role=Grandmaster, stepsRemoved=0, offsetFromMaster=0.0, meanPathDelay=0.0, "
                + "GrandmasterClockID=" + gmIdentity, "✅ PTP sync OK: Host=Grandmaster, Cameras=Slave");
    }

    @Test
    void slaveHostNamesTheRealGrandmaster() throws Exception {
        // host and cameras all Slave: the tools' rule sees no Master among them
        String out = check(pair.slaveSocket(), false);
        assertThat(out).contains("Role=Slave, stepsRemoved=1, ", "GrandmasterClockID=" + gmIdentity, "no Master:");
    }
}
