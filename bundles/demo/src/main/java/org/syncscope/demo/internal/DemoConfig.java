package org.syncscope.demo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = DemoConfig.PID, name = "Syncscope demo IOC",
        description = "Publishes simulated PVs at known rates, so the demo site has live PVs without an IOC.")
@interface DemoConfig {

    String PID = "org.syncscope.demo";

    @AttributeDefinition(name = "PVs", description = "NAME@RATE[+PHASE] entries separated by commas: rate in Hz "
            + "(0.001..1000), phase in ms after the common start (default 0), e.g. DEMO:PV1@10, DEMO:PV2@5+30. "
            + "Each posts a slow sine wave at its rate; phases make pair differences predictable.")
    String[] pvs() default {"DEMO:PV1@10", "DEMO:PV2@5+30", "DEMO:PV3@1+70"};

    @AttributeDefinition(name = "Jitter (ms)", description = "Each update is moved by a uniform random amount within "
            + "± this many milliseconds around its ideal time (0 = exact rates). At most a quarter of the shortest period.")
    double jitterMs() default 0;
}
