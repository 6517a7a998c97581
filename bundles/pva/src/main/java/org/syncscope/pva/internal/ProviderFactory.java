package org.syncscope.pva.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epics.pvaccess.ClientFactory;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.client.ChannelProviderRegistryFactory;

/**
 * Makes a pvAccess client context of its own ({@code createProvider}, never the registry's
 * shared instance, which belongs to whoever asked for it first) on given settings.
 *
 * <p>The library reads its settings only from its configuration provider, "system" by default:
 * the JVM's system properties, once, when a context is constructed. The per-context hook (a
 * subclass of the context, or another registered configuration) lives in packages the bundle does
 * not export, and a registered configuration would be JVM-wide anyway. So the three properties are
 * set for the duration of the construction and then put back as they were, under one JVM-wide
 * lock: each context gets its own settings, and nothing else sees ours afterwards. What is not
 * covered: another user of the library that constructs a context (or a server reading
 * EPICS_PVA_BROADCAST_PORT) in that same millisecond, without this lock.
 */
final class ProviderFactory {

    static final String ADDR_LIST = "EPICS_PVA_ADDR_LIST";
    static final String AUTO_ADDR_LIST = "EPICS_PVA_AUTO_ADDR_LIST";
    static final String BROADCAST_PORT = "EPICS_PVA_BROADCAST_PORT";

    /**
     * The library's own {@code ChannelProvider} class, which the pvAccess server bundle (pvas) locks
     * too while it makes its context: the library's classes are then never initialised by two
     * threads at once (client and server share many of them, and both start at boot).
     */
    private static final Object LOCK = ChannelProvider.class;

    private ProviderFactory() {
    }

    /**
     * A new, initialized client context on {@code settings}; the caller destroys it
     * ({@link ChannelProvider#destroy()}), which ends its threads and sockets and nothing else's.
     *
     * @throws IllegalStateException if the library could not make one (e.g. its UDP sockets)
     */
    static ChannelProvider create(ClientSettings settings) {
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put(ADDR_LIST, settings.addresses().toString());
        ours.put(AUTO_ADDR_LIST, Boolean.toString(settings.autoAddresses()));
        ours.put(BROADCAST_PORT, Integer.toString(settings.broadcastPort()));
        synchronized (LOCK) {
            // registers the "pva" factory if no one has (idempotent); never ClientFactory.stop(): that
            // would destroy the shared instance someone else in this JVM may be using
            ClientFactory.start();
            Map<String, String> before = new LinkedHashMap<>();
            ours.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
            try {
                ChannelProvider p = ChannelProviderRegistryFactory.getChannelProviderRegistry()
                        .createProvider(ClientFactory.PROVIDER_NAME);
                if (p == null) {
                    throw new IllegalStateException("the pvAccess library registered no '"
                            + ClientFactory.PROVIDER_NAME + "' provider");
                }
                return p;
            } finally {
                before.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
    }
}
