package org.syncscope.timeav.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A typed configuration over a property map, as SCR builds it (the DS key mapping, defaults for absent keys). */
final class Configs {

    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> properties) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + properties : null;
            }
            Object v = properties.get(method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_'));
            return v != null ? v.toString() : method.getDefaultValue();
        });
        return type.cast(proxy);
    }

    /** Properties as File Install gives them for {@code etc/<file>}. */
    static Map<String, Object> file(String file, String... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("felix.fileinstall.filename", "file:/opt/syncscope/etc/" + file);
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
