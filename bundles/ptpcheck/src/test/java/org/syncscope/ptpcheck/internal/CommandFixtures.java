package org.syncscope.ptpcheck.internal;

import java.util.Map;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.testing.Configs;

/** For {@link org.syncscope.ptpcheck.testing.PtpChecks} (another package): a component as SCR would build it, and fixed hosts. */
public final class CommandFixtures {

    private CommandFixtures() {
    }

    /** A component with the default settings (no monitor), {@code driver} and {@code host} bound. */
    public static PtpCheckComponent component(CameraDriver driver, HostPtpReadings host) {
        Map<String, Object> p = Configs.fromFile("org.syncscope.ptpcheck.cfg");
        PtpCheckComponent c = new PtpCheckComponent(Configs.of(PtpCheckConfig.class, p), p);
        c.bindCamera(driver);
        c.bindPtp(host);
        return c;
    }

    /** As SCR ends it. */
    public static void deactivate(PtpCheckComponent c) {
        c.deactivate();
    }

    /** A host in {@code role}: GRANDMASTER, SLAVE, or one of the unsettled ones {@link FixedHost} has. */
    public static HostPtpReadings host(HostPtpRole role) {
        return switch (role) {
            case GRANDMASTER -> FixedHost.grandmaster();
            case SLAVE -> FixedHost.slave();
            default -> FixedHost.unsettled(role);
        };
    }
}
