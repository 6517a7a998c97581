package org.syncscope.camera.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SimCameraConfig.PID, name = "Syncscope simulated cameras",
        description = "Simulated GenICam PTP cameras (driver=sim). One file per instance: "
                + "etc/org.syncscope.camera.sim-NAME.cfg; the PTP check picks one with camera.target.")
@interface SimCameraConfig {

    String PID = "org.syncscope.camera.sim";

    @AttributeDefinition(name = "Name", description = "Instance name, a service property for target filters: (name=...)")
    String name() default "sim";

    @AttributeDefinition(name = "Cameras", description = "Serial numbers, in discovery order")
    String[] cameras() default {"05520129", "05520125", "05520128", "05520126"};

    @AttributeDefinition(name = "Model", description = "Model name of every camera")
    String model() default "DFK 33GR0234";

    @AttributeDefinition(name = "Interface", required = false, description = "Host interface the cameras are on")
    String interfaceName() default "enp3s0";

    @AttributeDefinition(name = "Clock offsets (ns)", required = false,
            description = "Per camera, in camera order: its PTP-locked clock's offset to true time; missing = 0")
    String[] offsetsNs() default {};

    @AttributeDefinition(name = "Drift (ppb)", required = false,
            description = "Per camera: how fast its locked clock walks away from true time; missing = 0")
    String[] driftPpb() default {};

    @AttributeDefinition(name = "Latch jitter (ns)", description = "Standard deviation of a latched timestamp")
    long latchJitterNs() default 0;

    @AttributeDefinition(name = "Convergence (s)", description = "Seconds from PTP enable to Slave/Master "
            + "(Listening for the first half, Uncalibrated for the second)")
    double convergenceSeconds() default 2.0;

    @AttributeDefinition(name = "Masters", required = false, description = "Serials that become Master instead of Slave")
    String[] masters() default {};

    @AttributeDefinition(name = "Stuck in Listening", required = false, description = "Serials that never converge")
    String[] stuckListening() default {};

    @AttributeDefinition(name = "No PTP node", required = false,
            description = "Serials without PtpEnable/GevIEEE1588 (reported PTP=N/A, Status=Unknown)")
    String[] noPtpNode() default {};

    @AttributeDefinition(name = "GigE Vision names", required = false,
            description = "Serials that have the older GevIEEE1588 / GevIEEE1588Status / GevTimestamp* features "
                    + "instead of the SFNC Ptp* / Timestamp* ones")
    String[] gevNames() default {};
}
