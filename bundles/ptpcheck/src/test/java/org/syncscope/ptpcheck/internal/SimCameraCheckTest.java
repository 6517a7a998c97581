package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.camera.sim.testing.SimCameras;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.Timestat;
import org.syncscope.ptpcheck.command.CheckPrinter;

/** ptp:check and ptp:timestat over the real simulated-camera driver, its clock moved by the test. */
class SimCameraCheckTest {

    private final ManualTicker ticker = new ManualTicker();

    private CameraDriver sim(Map<String, Object> values) {
        return SimCameras.driver(values, () -> ticker.now);
    }

    private CheckResult check(CameraDriver driver, FixedHost host) throws Exception {
        try (OpenCameras open = OpenCameras.open(driver, List.of())) {
            return new ConvergenceCheck(ticker).run(open.cameras(), host, 30_000, 500);
        }
    }

    @Test
    void convergesOnceTheCamerasLock() throws Exception {
        CheckResult r = check(sim(Map.of("convergenceSeconds", 2.0)), FixedHost.grandmaster());
        assertThat(r.convergence().converged()).isTrue();
        assertThat(r.convergence().slaves()).isEqualTo(4);
        assertThat(r.waitedMillis()).isEqualTo(2000);
    }

    @Test
    void noMasterWithoutAGrandmasterHost() throws Exception {
        CheckResult r = check(sim(Map.of("convergenceSeconds", 2.0)), FixedHost.failing("no ptp4l"));
        assertThat(r.convergence().converged()).isFalse();
        assertThat(r.convergence().masters()).isZero();
        assertThat(r.waitedMillis()).isEqualTo(30_000);
    }

    @Test
    void twoMasters() throws Exception {
        CheckResult r = check(sim(Map.of("masters", new String[] {"05520129, 05520128"})), FixedHost.failing("x"));
        assertThat(r.convergence().masters()).isEqualTo(2);
        assertThat(r.convergence().masterNames()).containsExactly("05520129", "05520128");
        assertThat(r.convergence().converged()).isFalse();
    }

    @Test
    void camerasWithoutPtpNodeAndGigEVisionNames() throws Exception {
        CheckResult r = check(sim(Map.of("noPtpNode", new String[] {"05520125"},
                "gevNames", new String[] {"05520126"})), FixedHost.grandmaster());
        assertThat(r.convergence().converged()).isTrue();
        assertThat(r.cameras().get(1).hasPtp()).isFalse();
        assertThat(r.cameras().get(3).node()).isEqualTo(org.syncscope.api.camera.PtpNode.GEV_IEEE1588);
        assertThat(CheckPrinter.cameraSummary(r.cameras())).isEqualTo("Slave×3, N/A×1");
    }

    @Test
    void stuckListeningTimesOut() throws Exception {
        CheckResult r = check(sim(Map.of("cameras", new String[] {"X1"}, "stuckListening", new String[] {"X1"})),
                FixedHost.grandmaster());
        assertThat(r.convergence().converged()).isFalse();
        assertThat(r.convergence().unsettled()).containsExactly("X1=Listening");
        assertThat(r.waitedMillis()).isEqualTo(30_000);
    }

    @Test
    void timestatOnLockedSimulatedCameras() throws Exception {
        CameraDriver d = sim(Map.of("offsetsNs", new String[] {"1601536, -1631232, 638208, -638208"},
                "gevNames", new String[] {"05520126"}, "convergenceSeconds", 0.0));
        try (OpenCameras open = OpenCameras.open(d, List.of())) {
            new ConvergenceCheck(ticker).run(open.cameras(), FixedHost.grandmaster(), 1000, 500);
            ticker.sleepMillis(100);
            Timestat.Result r = new TimestampAlignment(ticker, () -> 0).run(open.cameras(),
                    new Timestat.Options(1, 0, 1_000_000, 60, false), s -> { });
            assertThat(r.samples().get(0).readings()).extracting(Timestat.Reading::deltaNs)
                    .containsExactly(1_601_536L, -1_631_232L, 638_208L, -638_208L);
            assertThat(r.exitCode()).isEqualTo(Timestat.OVER_THRESHOLD);
        }
    }
}
