package org.syncscope.ptpcheck.internal;

import java.util.List;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.ptpcheck.CheckOptions;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.PtpCheck;
import org.syncscope.ptpcheck.Timestat;

/** The runs of {@code ptp:check} and {@code ptp:timestat}, on the caller's thread, on the real clocks. */
final class ConsoleRuns {

    private ConsoleRuns() {
    }

    static CheckResult check(CameraDriver driver, HostPtpReadings host, CheckOptions o, PtpCheck.Opened opened)
            throws CameraException, InterruptedException {
        try (OpenCameras cameras = OpenCameras.open(driver, o.serials())) {
            opened.cameras(cameras.found(), cameras.infos());
            return new ConvergenceCheck(Ticker.SYSTEM).run(cameras.cameras(), host, o.timeoutSeconds() * 1000,
                    o.pollIntervalMs());
        }
    }

    static Timestat.Result timestat(CameraDriver driver, List<String> serials, Timestat.Options o,
            Timestat.SampleListener each) throws CameraException, Timestat.FatalException, InterruptedException {
        try (OpenCameras cameras = OpenCameras.open(driver, serials)) {
            return new TimestampAlignment(Ticker.SYSTEM, Ticker::wallClockNanos).run(cameras.cameras(), o, each);
        }
    }
}
