package org.syncscope.cas.testing;

import java.util.HashMap;
import java.util.Map;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.cas.CaServer;
import org.syncscope.cas.internal.CaServerComponent;
import org.syncscope.cas.internal.CaServerComponents;
import org.syncscope.cas.internal.PvPublisherComponent;

/**
 * For tests and benchmarks of other modules: the Channel Access server components as SCR builds
 * them, reached only through their service types ({@link CaServer}, {@link PvPublisher}).
 */
public final class CaServers {

    private CaServers() {
    }

    /** A running server and one bundle's publisher on it; {@link #close()} deactivates both as SCR does. */
    public static final class Running implements AutoCloseable {
        private final CaServerComponent server;
        private final PvPublisherComponent publisher;

        private Running(CaServerComponent server) {
            this.server = server;
            this.publisher = CaServerComponents.publisher(server);
        }

        public CaServer server() {
            return server;
        }

        public PvPublisher publisher() {
            return publisher;
        }

        /** Stops serving, as an IOC that is stopped (clients see a disconnect); the PVs published stay. */
        public void stopServing() {
            CaServerComponents.stopServing(server);
        }

        /** After {@link #stopServing()}: serves the same PVs on the same port again, once it serves (at most 30 s). */
        public void serveAgain() throws InterruptedException {
            CaServerComponents.serveAgain(server);
            awaitServing(this);
        }

        @Override
        public void close() {
            CaServerComponents.deactivate(publisher, server);
        }
    }

    /**
     * Serves on {@code port} with beacons to loopback only, once it serves (at most 30 s, else
     * {@link IllegalStateException} with its status); {@code more}: org.syncscope.cas.cfg key, value, …
     */
    public static Running loopback(int port, String... more) throws InterruptedException {
        Map<String, Object> p = new HashMap<>();
        p.put("port", Integer.toString(port));
        p.put("beaconAddrList", "127.0.0.1");
        p.put("autoBeaconAddrList", "false");
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        Running r = new Running(CaServerComponents.activate(p));
        awaitServing(r);
        return r;
    }

    private static void awaitServing(Running r) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!r.server().status().startsWith("serving on")) {
            if (System.nanoTime() - deadline > 0) {
                String status = r.server().status();
                r.close();
                throw new IllegalStateException("the Channel Access server does not serve: " + status);
            }
            Thread.sleep(20);   // polled with a deadline: the server binds on its lifecycle thread
        }
    }
}
