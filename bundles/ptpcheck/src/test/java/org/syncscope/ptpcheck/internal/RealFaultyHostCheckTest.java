package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.pmc.testing.PmcAdapters;
import org.syncscope.pmc.testing.PtpPair;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.command.CheckPrinter;
import org.syncscope.ptpcheck.command.Labels;

/**
 * Issue 18 against real ptp4l: the grandmaster side's link cut, its port goes FAULTY with
 * stepsRemoved 0; ptp:check must neither count it as the Master nor pass, and ptp:timestat refuses.
 * Its own pair: the link stays down.
 */
class RealFaultyHostCheckTest {

    private static PtpPair pair;
    private static Path dir;

    @BeforeAll
    static void cutTheGrandmastersLink() throws Exception {
        pair = PtpPair.start();
        dir = Files.createTempDirectory("ptpcheck-faulty");
        pair.linkDown(PtpPair.Side.GRANDMASTER);   // waits until its port is FAULTY; close() cleans up
    }

    @AfterAll
    static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
        if (dir != null) {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aFaultyHostIsNoMasterAndTheCheckFails() throws Exception {
        List<String> log = ScriptedCamera.newLog();
        ScriptedCamera master = new ScriptedCamera("M1", PtpNode.PTP_ENABLE, List.of(CameraPtpState.MASTER), List.of(), log);
        List<Camera> cams = List.of(master, ScriptedCamera.slave("S1", log));
        // through the pmc adapter, the one poller of ptp4l, as in the server
        try (PmcAdapters.Running pmc = PmcAdapters.nativeOn(pair.grandmasterSocket(), dir, "timeoutMs", "1000")) {
            HostPtpReadings host = pmc.readings();
            CheckResult r = new ConvergenceCheck(new ManualTicker()).run(cams, host, 5_000, 500);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new CheckPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), Labels.EN).result(r);
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(r.convergence().masterNames()).as(out).containsExactly("M1");
            assertThat(r.convergence().converged()).as(out).isFalse();
            assertThat(out).contains("Role=Faulty, stepsRemoved=0, ", "❌ PTP sync NOT converged: Host=Faulty",
                    "host not settled: Faulty, its PTP port is faulty, usually because the link is down");
            assertThat(HostReads.read(host).notGrandmaster()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("the host is not the PTP grandmaster: role Faulty, "));
        }
    }
}
