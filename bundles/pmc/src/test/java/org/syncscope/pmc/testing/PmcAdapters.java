package org.syncscope.pmc.testing;

import java.nio.file.Path;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.pmc.PmcAdapter;
import org.syncscope.pmc.internal.PmcComponent;
import org.syncscope.pmc.internal.PmcComponents;

/**
 * For tests and benchmarks of other modules: the pmc adapter component as SCR builds it from the
 * shipped {@code org.syncscope.pmc.cfg}, reached only through its services' types.
 */
public final class PmcAdapters {

    private PmcAdapters() {
    }

    /** A running adapter; {@link #close()} deactivates it as SCR does. */
    public static final class Running implements AutoCloseable {
        private final PmcComponent component;
        private final Path dir;

        private Running(PmcComponent component, Path dir) {
            this.component = component;
            this.dir = dir;
        }

        /** As {@code ptp:host} sees it: ptp4l's data sets. */
        public PmcAdapter adapter() {
            return component;
        }

        /** As the PTP check sees it: the one poller's readings of the host status. */
        public HostPtpReadings readings() {
            return component;
        }

        /** Deactivates it and waits until no reply socket is left in its directory (give each adapter its own). */
        @Override
        public void close() {
            PmcComponents.deactivate(component, dir);
        }
    }

    /**
     * Native mode on {@code socket}, its reply socket in {@code dir} (one directory per adapter), no
     * PVs; {@code more}: cfg key, value, …
     */
    public static Running nativeOn(Path socket, Path dir, String... more) {
        return new Running(PmcComponents.nativeOn(socket, dir, more), dir);
    }

    /** Command mode: runs {@code pmc} against {@code socket}; {@code more}: cfg key, value, … */
    public static Running commandOn(String pmc, Path socket, Path dir, String... more) {
        String[] all = new String[more.length + 4];
        all[0] = "mode";
        all[1] = "command";
        all[2] = "pmcCommand";
        all[3] = pmc;
        System.arraycopy(more, 0, all, 4, more.length);
        return new Running(PmcComponents.nativeOn(socket, dir, all), dir);
    }
}
