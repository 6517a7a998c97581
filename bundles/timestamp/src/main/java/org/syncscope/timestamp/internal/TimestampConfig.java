package org.syncscope.timestamp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = TimestampConfig.PID, name = "Syncscope timestamp driver",
        description = "The drvTS TSconfigure parameters: where time comes from and how it is shared. 0 = default.")
@interface TimestampConfig {

    String PID = "org.syncscope.timestamp";

    @AttributeDefinition(name = "Master", description = "true: this server hands out the time; false: slave")
    boolean master() default false;

    @AttributeDefinition(name = "Sync rate (s)", description = "Seconds between syncs (0 = 10)")
    int syncRateSeconds() default 10;

    @AttributeDefinition(name = "Master port", description = "Stamp server port (0 = 18323)")
    int masterPort() default 18323;

    @AttributeDefinition(name = "Slave port", description = "Sync broadcast port (0 = 18322)")
    int slavePort() default 18322;

    @AttributeDefinition(name = "Timeout (ms)", description = "Per-request timeout (0 = 250)")
    int timeoutMs() default 250;

    @AttributeDefinition(name = "Force soft time", description = "Never use event hardware (TSconfigure type 1)")
    boolean forceSoft() default false;

    @AttributeDefinition(name = "NTP servers", required = false, description = "NTP servers the clock is disciplined "
            + "to: host[:port] list (port default 123); empty: none")
    String ntpServers() default "";

    @AttributeDefinition(name = "Debug level", description = "TSdriverDebug: 0 quiet, 1 syncs, 2 every event; changes live")
    int debug() default 0;

    @AttributeDefinition(name = "Failure grace (s)", description = "No sync event for this long = hardware failure (0 = twice the sync rate)")
    double failureGraceSeconds() default 0;

    @AttributeDefinition(name = "Status PV prefix", required = false, description = "Prefix of the status PVs, e.g. TS:")
    String statusPrefix() default "TS:";

    @AttributeDefinition(name = "Master addresses", required = false,
            description = "Where a slave asks for the time: host[:port] entries (port default masterPort). Empty: the "
                    + "slave finds a master by broadcasting a time request to masterBroadcastAddress.")
    String masterAddresses() default "";

    @AttributeDefinition(name = "Master broadcast address", description = "Where a slave without masterAddresses "
            + "broadcasts its request for a master (port masterPort)")
    String masterBroadcastAddress() default "255.255.255.255";

    @AttributeDefinition(name = "Master retry (s)", description = "A slave that found no master asks again after this long "
            + "(drvTS: 120 s); meanwhile it runs on NTP if it has ntpServers")
    int masterRetrySeconds() default 120;

    @AttributeDefinition(name = "Slave addresses", required = false,
            description = "Where a synchronous master sends each sync time: host[:port] entries (port default slavePort). "
                    + "Empty: broadcast to slaveBroadcastAddress, as the original did.")
    String slaveAddresses() default "";

    @AttributeDefinition(name = "Slave broadcast address", description = "Where a synchronous master without "
            + "slaveAddresses broadcasts sync times (port slavePort)")
    String slaveBroadcastAddress() default "255.255.255.255";

    @AttributeDefinition(name = "Master bind address", description = "The local address the stamp server "
            + "(masterPort) listens on: 0.0.0.0 every interface (default, as drvTS), 127.0.0.1 this host only, or one "
            + "interface's address")
    String masterBindAddress() default "0.0.0.0";

    @AttributeDefinition(name = "Slave bind address", description = "The local address a synchronous slave listens "
            + "on for sync times (slavePort): 0.0.0.0 every interface (default; needed to receive broadcasts), "
            + "127.0.0.1 this host only")
    String slaveBindAddress() default "0.0.0.0";

    @AttributeDefinition(name = "Maximum slew (ppm)", description = "The fastest a phase error is corrected, parts "
            + "per million (0 = 83333, chrony's maximum; at most 500000)")
    int maxSlewPpm() default 83_333;

    @AttributeDefinition(name = "Step threshold (s)", description = "A reference further ahead than this is stepped "
            + "to (forward only); a smaller lead and every lag is slewed at maxSlewPpm")
    double stepThresholdSeconds() default 10;

    @AttributeDefinition(name = "Panic threshold (s)", description = "A reference further away than this, either "
            + "way, is not followed and raises the alarm (ntpd's panic threshold)")
    double panicSeconds() default 600;

    @AttributeDefinition(name = "Samples per sync", description = "Exchanges with the master or NTP server each "
            + "sync period; the one with the smallest round trip is used (0 = 4; 1..16)")
    int samplesPerSync() default 4;

    @AttributeDefinition(name = "Kernel timestamps", description = "Take the send and receive times of sync "
            + "datagrams from the kernel (SO_TIMESTAMPING); false: taken in the JVM")
    boolean kernelTimestamps() default true;

    @AttributeDefinition(name = "Event system", description = "Which EventSystemDriver to use (an OSGi filter)")
    String eventSystem_target() default "(driver=sim)";
}
