package org.syncscope.ca.testing;

import java.util.HashMap;
import java.util.Map;
import org.syncscope.ca.CaSource;
import org.syncscope.ca.internal.CaSourceComponent;
import org.syncscope.ca.internal.CaSourceComponents;

/**
 * For tests and benchmarks of other modules: the Channel Access client component as SCR builds
 * it, reached only through its service type ({@link CaSource}, a {@code PvSource}).
 */
public final class CaClients {

    private CaClients() {
    }

    /** A running client; {@link #close()} deactivates it as SCR does. */
    public static final class Running implements AutoCloseable {
        private final CaSourceComponent component;

        private Running(CaSourceComponent component) {
            this.component = component;
        }

        public CaSource source() {
            return component;
        }

        @Override
        public void close() {
            CaSourceComponents.deactivate(component);
        }
    }

    /** A client that searches only {@code 127.0.0.1:port}; {@code more}: org.syncscope.ca.cfg key, value, … */
    public static Running loopback(int port, String... more) {
        Map<String, Object> p = new HashMap<>();
        p.put("addrList", "127.0.0.1:" + port);
        p.put("autoAddrList", "false");
        p.put("serverPort", Integer.toString(port));
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return new Running(CaSourceComponents.activate(p));
    }
}
