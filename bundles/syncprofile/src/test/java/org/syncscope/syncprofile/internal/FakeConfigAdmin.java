package org.syncscope.syncprofile.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.syncscope.testing.MemorySource;

/**
 * Config Admin and SCR in one, for command tests: sync profile configurations held in memory,
 * listed through real LDAP filters, and each one's component activated, modified and deactivated
 * as SCR would, over in-memory PVs.
 */
public final class FakeConfigAdmin {

    private final MemorySource source = new MemorySource();
    private final FakePvs.Publisher publisher = new FakePvs.Publisher();
    private final ProfileRegistry registry = new ProfileRegistry(1_000_000_000L);
    private final Map<String, Map<String, Object>> configurations = new ConcurrentHashMap<>();
    private final Map<String, SyncProfileComponent> components = new ConcurrentHashMap<>();

    public ProfileRegistry registry() {
        return registry;
    }

    /** What etc/org.syncscope.syncprofile-NAME.cfg with these keys and values gives. */
    public void addFile(String name, String... keyValues) {
        Map<String, Object> p = ProfileConfigs.file(name, keyValues);
        update((String) p.get("service.pid"), p);
    }

    /** PVs subscribed to now. */
    public java.util.Set<String> subscribed() {
        return java.util.Set.copyOf(source.subscribed());
    }

    /** PV names published now. */
    public java.util.Set<String> published() {
        return java.util.Set.copyOf(publisher.posts.keySet());
    }

    /** Pids of the configurations there are. */
    public List<String> pids() {
        List<String> all = new ArrayList<>(configurations.keySet());
        Collections.sort(all);
        return all;
    }

    public void deactivateAll() {
        new ArrayList<>(configurations.keySet()).forEach(this::delete);
    }

    private synchronized void update(String pid, Map<String, Object> properties) {
        configurations.put(pid, properties);
        SyncProfileComponent c = components.get(pid);
        if (c == null) {
            c = ProfileConfigs.activate(registry, properties);
            c.bindSource(source);
            c.bindPublisher(publisher);
            components.put(pid, c);
        } else {
            c.modified(ProfileConfigs.config(properties), properties);
        }
    }

    private synchronized void delete(String pid) {
        configurations.remove(pid);
        SyncProfileComponent c = components.remove(pid);
        if (c != null) {
            c.deactivate();
        }
    }

    public ConfigurationAdmin configurationAdmin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listConfigurations" -> list((String) args[0]);
                    case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1], (String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Configuration[] list(String filter) throws Exception {
        Filter f = FrameworkUtil.createFilter(filter);
        List<Configuration> found = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : configurations.entrySet()) {
            if (f.match(new Hashtable<>(e.getValue()))) {
                found.add(configuration(e.getKey(), (String) e.getValue().get("service.factoryPid")));
            }
        }
        return found.isEmpty() ? null : found.toArray(new Configuration[0]);
    }

    private Configuration configuration(String pid, String factoryPid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getFactoryPid" -> factoryPid;
                    case "getProperties" -> {
                        Map<String, Object> p = configurations.get(pid);
                        yield p == null ? null : new Hashtable<>(p);
                    }
                    case "update" -> {
                        Map<String, Object> p = new HashMap<>();
                        Dictionary<?, ?> d = (Dictionary<?, ?>) args[0];
                        for (Object k : Collections.list(d.keys())) {
                            p.put(k.toString(), d.get(k));
                        }
                        p.put("service.pid", pid);
                        p.put("service.factoryPid", factoryPid);
                        update(pid, p);
                        yield null;
                    }
                    case "delete" -> {
                        delete(pid);
                        yield null;
                    }
                    case "hashCode" -> pid.hashCode();
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Configuration " + pid;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
