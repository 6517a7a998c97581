package org.syncscope.cas.internal;

import gov.aps.jca.CAException;
import java.util.Map;
import org.syncscope.testing.Configs;

/**
 * The server components as SCR builds them, and their end: what {@link
 * org.syncscope.cas.testing.CaServers} offers other modules (it needs this package's config type).
 */
public final class CaServerComponents {

    private CaServerComponents() {
    }

    /** Activated with {@code properties} (org.syncscope.cas.cfg keys; absent ones take their defaults). */
    public static CaServerComponent activate(Map<String, Object> properties) {
        return new CaServerComponent(Configs.of(CasConfig.class, properties), properties);
    }

    /** A bundle's publisher on {@code server}, as SCR makes one per client bundle. */
    public static PvPublisherComponent publisher(CaServerComponent server) {
        return new PvPublisherComponent(server);
    }

    /** Stops the CAJ context as a stopped IOC would (clients see a disconnect); the PVs stay. */
    public static void stopServing(CaServerComponent server) {
        server.server().stop();
    }

    /** Starts the stopped CAJ context again with the same settings, on the same port, serving the PVs it kept. */
    public static void serveAgain(CaServerComponent server) {
        ChannelAccessServer s = server.server();
        try {
            s.start(s.settings());
        } catch (CAException e) {
            throw new IllegalStateException("cannot serve again on port " + s.settings().port() + ": " + e.getMessage(), e);
        }
    }

    /** As SCR ends them: the publisher first (it withdraws its PVs), then the server. */
    public static void deactivate(PvPublisherComponent publisher, CaServerComponent server) {
        publisher.deactivate();
        server.deactivate();
    }
}
