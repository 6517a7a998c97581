package org.syncscope.pvas.internal;

import java.util.Map;
import org.syncscope.testing.Configs;

/**
 * The server components as SCR builds them, and their end: what {@link
 * org.syncscope.pvas.testing.PvaServers} offers other modules (it needs this package's config type).
 */
public final class PvaServerComponents {

    private PvaServerComponents() {
    }

    /** Activated with {@code properties} (org.syncscope.pvas.cfg keys; absent ones take their defaults). */
    public static PvaServerComponent activate(Map<String, Object> properties) {
        return new PvaServerComponent(Configs.of(PvasConfig.class, properties), properties);
    }

    /** A bundle's publisher on {@code server}, as SCR makes one per client bundle. */
    public static PvaPublisherComponent publisher(PvaServerComponent server) {
        return new PvaPublisherComponent(server);
    }

    /** As SCR ends them: the publisher first (it withdraws its PVs), then the server. */
    public static void deactivate(PvaPublisherComponent publisher, PvaServerComponent server) {
        publisher.deactivate();
        server.deactivate();
    }

    /** Deactivates a server that has no publisher. */
    public static void deactivate(PvaServerComponent server) {
        server.deactivate();
    }
}
