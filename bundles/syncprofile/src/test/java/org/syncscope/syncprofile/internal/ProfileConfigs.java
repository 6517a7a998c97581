package org.syncscope.syncprofile.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Sync profile configurations as SCR hands them over: the raw properties, and the typed config
 * over them, converting a value only when its method is called and failing then (SCR throws its
 * ComponentException, not an IllegalArgumentException) when it does not convert.
 */
final class ProfileConfigs {

    /** What SCR throws when a method's value does not convert. */
    static final class ConversionFailed extends RuntimeException {
        ConversionFailed(String message) {
            super(message);
        }
    }

    private ProfileConfigs() {
    }

    /** Properties of a .cfg file etc/org.syncscope.syncprofile-NAME.cfg, plus {@code keyValues}. */
    static Map<String, Object> file(String name, String... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "org.syncscope.syncprofile~" + name);
        p.put("service.factoryPid", "org.syncscope.syncprofile");
        p.put("felix.fileinstall.filename", "file:/opt/syncscope/etc/org.syncscope.syncprofile-" + name + ".cfg");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    static SyncProfileConfig config(Map<String, Object> properties) {
        return (SyncProfileConfig) Proxy.newProxyInstance(SyncProfileConfig.class.getClassLoader(),
                new Class<?>[] {SyncProfileConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace("_", ".");
                    Object raw = properties.get(key);
                    if (raw == null) {
                        return method.getDefaultValue();
                    }
                    Class<?> type = method.getReturnType();
                    String s = raw.toString().trim();
                    try {
                        if (type == int.class) {
                            return Integer.parseInt(s);
                        } else if (type == double.class) {
                            return Double.parseDouble(s);
                        } else if (type == String[].class) {
                            return raw instanceof String[] a ? a : new String[] {s};
                        }
                    } catch (NumberFormatException e) {
                        throw new ConversionFailed("Failed to convert " + s);
                    }
                    return s;
                });
    }

    static SyncProfileComponent activate(ProfileRegistry registry, Map<String, Object> properties) {
        return new SyncProfileComponent(registry, config(properties), properties);
    }
}
