package org.syncscope.ptpcheck.testing;

import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.ptpcheck.PtpCheck;
import org.syncscope.ptpcheck.internal.CommandFixtures;
import org.syncscope.ptpcheck.internal.PtpCheckComponent;

/**
 * For the command tests: the PTP check component as SCR builds it from the shipped
 * {@code org.syncscope.ptpcheck.cfg}, reached only as {@link PtpCheck}, and fixed hosts.
 */
public final class PtpChecks {

    private PtpChecks() {
    }

    /** A running check; {@link #close()} deactivates it as SCR does. */
    public static final class Running implements AutoCloseable {
        private final PtpCheckComponent component;

        private Running(PtpCheckComponent component) {
            this.component = component;
        }

        /** As the console commands see it. */
        public PtpCheck check() {
            return component;
        }

        @Override
        public void close() {
            CommandFixtures.deactivate(component);
        }
    }

    /** The default settings (no monitor), {@code driver} and {@code host} bound. */
    public static Running of(CameraDriver driver, HostPtpReadings host) {
        return new Running(CommandFixtures.component(driver, host));
    }

    /** A host in {@code role}, as the pmc adapter's readings give it. */
    public static HostPtpReadings host(HostPtpRole role) {
        return CommandFixtures.host(role);
    }
}
