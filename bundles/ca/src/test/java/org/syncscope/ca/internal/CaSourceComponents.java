package org.syncscope.ca.internal;

import java.util.Map;
import org.syncscope.testing.Configs;

/**
 * The client component as SCR builds it, and its end: what {@link org.syncscope.ca.testing.CaClients}
 * offers other modules (it needs this package's config type).
 */
public final class CaSourceComponents {

    private CaSourceComponents() {
    }

    /** Activated with {@code properties} (org.syncscope.ca.cfg keys; absent ones take their defaults). */
    public static CaSourceComponent activate(Map<String, Object> properties) {
        CaSourceComponent c = new CaSourceComponent();
        c.activate(Configs.of(CaConfig.class, properties), properties);
        return c;
    }

    /** As SCR ends it. */
    public static void deactivate(CaSourceComponent c) {
        c.deactivate();
    }
}
