package org.syncscope.ptpcheck;

import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.ptp.HostPtpReadings;

/** The PTP check's wiring as {@code ptp:check} and {@code ptp:timestat} use it. */
public interface PtpCheck {

    /** The settings in force, or null while the configuration is refused (then see {@link #refusal()}). */
    CheckSettings settings();

    /** Why the configuration or its last change was refused; empty when it was not. */
    String refusal();

    /** The camera driver bound now, or null (then say {@link #noDriver()}). */
    CameraDriver driver();

    /** Why no driver is bound: the {@code camera.target} no driver matches. */
    String noDriver();

    /** The pmc adapter's readings of the host's PTP status, or null when it is not installed. */
    HostPtpReadings host();
}
