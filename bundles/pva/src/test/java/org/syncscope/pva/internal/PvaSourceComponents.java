package org.syncscope.pva.internal;

import java.util.Map;
import org.syncscope.testing.Configs;

/**
 * The client component as SCR builds it, and its end: what {@link org.syncscope.pva.testing.PvaClients}
 * offers other modules (it needs this package's config type).
 */
public final class PvaSourceComponents {

    private PvaSourceComponents() {
    }

    /** Activated with {@code properties} (org.syncscope.pva.cfg keys; absent ones take their defaults). */
    public static PvaSourceComponent activate(Map<String, Object> properties) {
        PvaSourceComponent c = new PvaSourceComponent();
        c.activate(Configs.of(PvaConfig.class, properties), properties);
        return c;
    }

    /** As Config Admin delivers an edit. */
    public static void modify(PvaSourceComponent c, Map<String, Object> properties) {
        c.modified(Configs.of(PvaConfig.class, properties), properties);
    }

    /** As SCR ends it. */
    public static void deactivate(PvaSourceComponent c) {
        c.deactivate();
    }
}
