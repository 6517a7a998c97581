package org.syncscope.pvas.testing;

import java.util.HashMap;
import java.util.Map;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.pvas.PvaServer;
import org.syncscope.pvas.internal.PvaPublisherComponent;
import org.syncscope.pvas.internal.PvaServerComponent;
import org.syncscope.pvas.internal.PvaServerComponents;

/**
 * For tests of other modules: the pvAccess server components as SCR builds them, reached only
 * through their service types ({@link PvaServer}, {@link PvPublisher}).
 */
public final class PvaServers {

    private PvaServers() {
    }

    /** A running server and one bundle's publisher on it; {@link #close()} deactivates both as SCR does. */
    public static final class Running implements AutoCloseable {
        private final PvaServerComponent server;
        private final PvaPublisherComponent publisher;
        private final int tcpPort;
        private final int udpPort;

        private Running(PvaServerComponent server, int tcpPort, int udpPort) {
            this.server = server;
            this.publisher = PvaServerComponents.publisher(server);
            this.tcpPort = tcpPort;
            this.udpPort = udpPort;
        }

        public PvaServer server() {
            return server;
        }

        public PvPublisher publisher() {
            return publisher;
        }

        public int tcpPort() {
            return tcpPort;
        }

        /** The UDP port searches go to: a client's EPICS_PVA_ADDR_LIST is {@code 127.0.0.1:} this. */
        public int udpPort() {
            return udpPort;
        }

        @Override
        public void close() {
            PvaServerComponents.deactivate(publisher, server);
        }
    }

    /**
     * Serves TCP on {@code tcpPort} and UDP searches on {@code tcpPort + 1}, bound to and beaconing
     * on loopback only, once it serves (at most 30 s, else {@link IllegalStateException} with its
     * status); {@code more}: org.syncscope.pvas.cfg key, value, …
     */
    public static Running loopback(int tcpPort, String... more) throws InterruptedException {
        Map<String, Object> p = new HashMap<>();
        p.put("serverPort", Integer.toString(tcpPort));
        p.put("broadcastPort", Integer.toString(tcpPort + 1));
        p.put("bindAddress", "127.0.0.1");
        p.put("beaconAddrList", "127.0.0.1");
        p.put("autoBeaconAddrList", "false");
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        PvaServerComponent server = PvaServerComponents.activate(p);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.status().startsWith("serving on")) {
            if (System.nanoTime() - deadline > 0) {
                String status = server.status();
                PvaServerComponents.deactivate(server);
                throw new IllegalStateException("the pvAccess server does not serve: " + status);
            }
            Thread.sleep(20);   // polled with a deadline: the server binds on its lifecycle thread
        }
        return new Running(server, tcpPort, tcpPort + 1);
    }
}
