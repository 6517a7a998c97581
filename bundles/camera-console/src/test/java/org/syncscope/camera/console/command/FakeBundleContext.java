package org.syncscope.camera.console.command;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Just enough of a BundleContext for the camera commands and a ServiceTracker: a fixed set of
 * services, counting every {@code getService} and {@code ungetService}.
 */
final class FakeBundleContext {

    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger ungets = new AtomicInteger();
    private final List<Entry> services = new ArrayList<>();

    private record Entry(String type, Object service, Hashtable<String, Object> properties, ServiceReference<?> ref) {
    }

    FakeBundleContext register(Class<?> type, Object service, Map<String, Object> properties) {
        Hashtable<String, Object> p = new Hashtable<>(properties);
        long id = services.size() + 1;
        p.put("service.id", id);
        p.put("objectClass", new String[] {type.getName()});
        ServiceReference<?> ref = (ServiceReference<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getProperty" -> p.get((String) args[0]);
                    case "getPropertyKeys" -> p.keySet().toArray(new String[0]);
                    case "getProperties" -> new Hashtable<>(p);
                    case "isAssignableTo" -> true;
                    case "compareTo" -> Long.compare(-id, -(Long) ((ServiceReference<?>) args[0]).getProperty("service.id"));
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ref " + id + " " + type.getSimpleName();
                    case "getBundle" -> null;
                    default -> throw new UnsupportedOperationException("ServiceReference." + m.getName());
                });
        services.add(new Entry(type.getName(), service, p, ref));
        return this;
    }

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "createFilter" -> FrameworkUtil.createFilter((String) args[0]);
                    case "addServiceListener", "removeServiceListener" -> null;
                    case "getServiceReferences", "getAllServiceReferences" -> references(m.getReturnType(), args);
                    case "getService" -> {
                        gets.incrementAndGet();
                        yield find((ServiceReference<?>) args[0]).service();
                    }
                    case "ungetService" -> {
                        ungets.incrementAndGet();
                        yield true;
                    }
                    case "getProperty" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake bundle context";
                    default -> throw new UnsupportedOperationException("BundleContext." + m.getName());
                });
    }

    private Object references(Class<?> returnType, Object[] args) throws Exception {
        String type = args[0] instanceof Class<?> c ? c.getName() : (String) args[0];
        Filter filter = args[1] == null ? null : FrameworkUtil.createFilter((String) args[1]);
        List<ServiceReference<?>> out = new ArrayList<>();
        for (Entry e : services) {
            if ((type == null || e.type().equals(type)) && (filter == null || filter.match(e.properties()))) {
                out.add(e.ref());
            }
        }
        if (Collection.class.isAssignableFrom(returnType)) {
            return out;
        }
        return out.isEmpty() ? null : out.toArray(new ServiceReference<?>[0]);
    }

    private Entry find(ServiceReference<?> ref) {
        return services.stream().filter(e -> e.ref() == ref).findFirst().orElseThrow();
    }
}
