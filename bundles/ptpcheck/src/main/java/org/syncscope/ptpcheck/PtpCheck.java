package org.syncscope.ptpcheck;

import java.util.List;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;

/**
 * The PTP check as {@code ptp:check} and {@code ptp:timestat} use it: its wiring, and the two runs,
 * each on the caller's thread (an interrupt ends it with {@link InterruptedException}).
 */
public interface PtpCheck {

    /** The settings in force, or null while the configuration is refused (then see {@link #refusal()}). */
    CheckSettings settings();

    /** Why the configuration or its last change was refused; empty when it was not. */
    String refusal();

    /** The camera driver bound now, or null (then say {@link #noDriver()}). */
    CameraDriver driver();

    /** Why no driver is bound: the {@code camera.target} no driver matches. */
    String noDriver();

    /** The host's PTP status from the pmc adapter, read from now on (or why it cannot be read). */
    HostView readHost();

    /**
     * ptp_sync_check: opens the cameras on {@code driver}, tells {@code opened}, enables PTP on each
     * and polls them and the host until converged or the timeout; the cameras are closed again.
     *
     * @throws CameraException when the cameras cannot be found or opened (none stays open)
     */
    CheckResult check(CameraDriver driver, CheckOptions options, Opened opened)
            throws CameraException, InterruptedException;

    /**
     * chktimestat: opens the cameras ({@code serials}; empty: every one found, up to
     * {@link CheckSettings#MAX_CAMERAS}) on {@code driver}, latches them {@code options.samples()}
     * times and hands each sample to {@code each} as it is taken; the cameras are closed again.
     *
     * @throws CameraException when the cameras cannot be found or opened
     * @throws Timestat.FatalException when a camera fails or the timeout passes
     */
    Timestat.Result timestat(CameraDriver driver, List<String> serials, Timestat.Options options,
            Timestat.SampleListener each) throws CameraException, Timestat.FatalException, InterruptedException;

    /** Told once the cameras of a check are open, before it waits. */
    @FunctionalInterface
    interface Opened {
        /** {@code found}: how many the driver found (more than {@code cameras} when over the maximum). */
        void cameras(int found, List<CameraInfo> cameras);
    }
}
