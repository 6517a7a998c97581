package org.syncscope.eventsystem.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SimConfig.PID, name = "Syncscope simulated event system",
        description = "A simulated event receiver and generator (driver=sim). One file per instance: "
                + "etc/org.syncscope.eventsystem.sim-NAME.cfg; the timestamp driver picks one with eventSystem.target.")
@interface SimConfig {

    String PID = "org.syncscope.eventsystem.sim";

    @AttributeDefinition(name = "Name", description = "Instance name, a service property for target filters: (name=...)")
    String name() default "sim";

    @AttributeDefinition(name = "Receiver present", description = "false simulates a host without an event receiver")
    boolean receiver() default true;

    @AttributeDefinition(name = "Tick rate (Hz)", description = "Rate of the tick counter; the driver reports it, so the "
            + "timestamp driver turns ticks into time with it")
    int clockRateHz() default 1000;

    @AttributeDefinition(name = "Reset period (s)", description = "Seconds between counter-reset (sync) events")
    double resetPeriodSeconds() default 10;

    @AttributeDefinition(name = "Sync event", description = "Number of the counter-reset event (0x7D on MRF hardware)")
    int syncEvent() default 0x7D;

    @AttributeDefinition(name = "User events", required = false,
            description = "EVENT@RATE entries separated by commas, event number in hex, rate in Hz, e.g. 0x10@10, 0x81@1")
    String[] events() default {};

    @AttributeDefinition(name = "Direct time", description = "Simulate a receiver that knows absolute time (GPS)")
    boolean directTime() default false;

    @AttributeDefinition(name = "Fault: stop ticks", description = "The tick counter stops counting")
    boolean stopTicks() default false;

    @AttributeDefinition(name = "Fault: drop resets", description = "Counter-reset events are no longer delivered")
    boolean dropResets() default false;

    @AttributeDefinition(name = "Fault: error period (s)", description = "Report an error every N seconds (0 = never)")
    double errorPeriodSeconds() default 0;
}
