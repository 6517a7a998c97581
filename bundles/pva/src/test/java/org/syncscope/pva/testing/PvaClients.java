package org.syncscope.pva.testing;

import java.util.HashMap;
import java.util.Map;
import org.syncscope.pva.PvaSource;
import org.syncscope.pva.internal.PvaSourceComponent;
import org.syncscope.pva.internal.PvaSourceComponents;

/**
 * For tests and benchmarks of other modules: the pvAccess client component as SCR builds it,
 * reached only through its service type ({@link PvaSource}, a {@code PvSource}).
 */
public final class PvaClients {

    private PvaClients() {
    }

    /** A running client; {@link #close()} deactivates it as SCR does. */
    public static final class Running implements AutoCloseable {
        private final PvaSourceComponent component;

        private Running(PvaSourceComponent component) {
            this.component = component;
        }

        public PvaSource source() {
            return component;
        }

        @Override
        public void close() {
            PvaSourceComponents.deactivate(component);
        }
    }

    /**
     * A client that searches only {@code 127.0.0.1:searchPort} (the server's UDP port) and hears
     * beacons on {@code localPort}: its own, since two sockets of one host on one UDP port share
     * unicast searches unpredictably. {@code more}: org.syncscope.pva.cfg key, value, …
     */
    public static Running loopback(int searchPort, int localPort, String... more) {
        Map<String, Object> p = new HashMap<>();
        p.put("addressList", "127.0.0.1:" + searchPort);
        p.put("autoAddressList", "false");
        p.put("broadcastPort", Integer.toString(localPort));
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return new Running(PvaSourceComponents.activate(p));
    }
}
