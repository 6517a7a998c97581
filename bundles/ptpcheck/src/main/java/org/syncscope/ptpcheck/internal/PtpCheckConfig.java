package org.syncscope.ptpcheck.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PtpCheckConfig.PID, name = "Syncscope PTP check",
        description = "Cameras and host PTP: ptp:check, ptp:timestat and the continuous monitor")
@interface PtpCheckConfig {

    String PID = "org.syncscope.ptpcheck";

    @AttributeDefinition(name = "Camera driver", description = "Which CameraDriver to use (an OSGi filter), "
            + "e.g. (driver=aravis); editing it rebinds live")
    String camera_target() default "(driver=sim)";

    @AttributeDefinition(name = "Serials", required = false, description = "Cameras to use, comma-separated; "
            + "empty: every camera the driver finds, up to 8")
    String serials() default "";

    @AttributeDefinition(name = "Convergence timeout (s)", description = "How long ptp:check waits for convergence")
    int convergenceTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Poll interval (ms)", description = "How often ptp:check reads the PTP states")
    int pollIntervalMs() default 500;

    @AttributeDefinition(name = "Threshold (ns)", description = "Largest |delta to the median| that is OK")
    long thresholdNs() default 100_000_000L;

    @AttributeDefinition(name = "Timestat timeout (s)", description = "Overall limit of one ptp:timestat run")
    int timestatTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Monitor period (s)", description = "Check and publish PVs this often; 0 = no monitor")
    int monitorPeriodSeconds() default 0;

    @AttributeDefinition(name = "PV prefix", description = "Prefix of the monitor's PVs")
    String pvPrefix() default "PTP:CHECK:";
}
