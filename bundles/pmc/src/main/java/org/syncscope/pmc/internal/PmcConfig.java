package org.syncscope.pmc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PmcConfig.PID, name = "Syncscope pmc adapter",
        description = "How Syncscope reads the host's linuxptp (ptp4l) data sets")
@interface PmcConfig {

    String PID = "org.syncscope.pmc";

    @AttributeDefinition(name = "Mode", description = "native: speak the management protocol on ptp4l's socket "
            + "(JNA); command: run pmc and read its text")
    String mode() default "native";

    @AttributeDefinition(name = "ptp4l socket", description = "ptp4l's uds_address")
    String socket() default "/var/run/ptp4l";

    @AttributeDefinition(name = "Timeout (ms)", description = "Per request, 10..60000")
    int timeoutMs() default 1000;

    @AttributeDefinition(name = "Domain", description = "ptp4l's domainNumber (0..255); requests in another "
            + "domain are ignored by ptp4l")
    int domainNumber() default 0;

    @AttributeDefinition(name = "pmc command", description = "The pmc program for command mode (default path, "
            + "else pmc on the PATH)")
    String pmcCommand() default PmcSettings.DEFAULT_PMC;

    @AttributeDefinition(name = "Client socket directory", required = false, description = "Where native mode "
            + "binds its own reply socket (syncscope-pmc.PID.N, removed on close). Empty: /var/run when writable, "
            + "else the system temporary directory")
    String clientDirectory() default "";

    @AttributeDefinition(name = "Publish period (s)", description = "Post the host PTP status PVs this often; "
            + "0 = do not publish")
    int publishPeriodSeconds() default 0;

    @AttributeDefinition(name = "PV prefix", description = "Prefix of the host PTP status PVs")
    String pvPrefix() default "PTP:HOST:";
}
