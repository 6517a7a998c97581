package org.syncscope.testing;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Just enough of a BundleContext to register services: each registration is kept, with whether it is still up. */
public final class RegisteringContext {

    private static final class Registered {
        final Class<?> type;
        final Object service;
        volatile Dictionary<String, ?> properties;
        volatile boolean up = true;

        Registered(Class<?> type, Object service, Dictionary<String, ?> properties) {
            this.type = type;
            this.service = service;
            this.properties = properties;
        }
    }

    private final List<Registered> registered = new CopyOnWriteArrayList<>();

    /** The services of {@code type} registered and not yet unregistered. */
    public <T> List<T> up(Class<T> type) {
        return registered.stream().filter(r -> r.up && r.type == type).map(r -> type.cast(r.service)).toList();
    }

    @SuppressWarnings("unchecked")
    public BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, m, args) -> {
                    if (!m.getName().equals("registerService") || !(args[0] instanceof Class<?>)) {
                        throw new UnsupportedOperationException("BundleContext." + m.getName());
                    }
                    Registered r = new Registered((Class<?>) args[0], args[1], (Dictionary<String, ?>) args[2]);
                    registered.add(r);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (p, rm, rargs) -> {
                                switch (rm.getName()) {
                                    case "setProperties" -> r.properties = (Dictionary<String, ?>) rargs[0];
                                    case "unregister" -> {
                                        if (!r.up) {
                                            throw new IllegalStateException("already unregistered");
                                        }
                                        r.up = false;
                                    }
                                    default -> throw new UnsupportedOperationException(rm.getName());
                                }
                                return null;
                            });
                });
    }
}
