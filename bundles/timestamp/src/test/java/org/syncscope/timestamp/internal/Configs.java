package org.syncscope.timestamp.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A typed configuration over raw properties, converting as SCR does when a method is called
 * (so "abc" for an int throws NumberFormatException there, as it would in the server).
 */
final class Configs {

    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String key = method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            Object raw = properties.get(key);
            if (raw == null) {
                return method.getDefaultValue();
            }
            Class<?> t = method.getReturnType();
            String s = raw.toString().trim();
            if (t == int.class) {
                return raw instanceof Number n ? n.intValue() : Integer.parseInt(s);
            }
            if (t == double.class) {
                return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
            }
            if (t == boolean.class) {
                return raw instanceof Boolean b ? b : Boolean.parseBoolean(s);
            }
            if (t == String[].class) {
                return raw instanceof String[] a ? a : new String[] {s};
            }
            return s;
        }));
    }

    /** Properties as File Install hands them over for {@code etc/FILE}. */
    static Map<String, Object> file(String file, Object... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("felix.fileinstall.filename", "file:/opt/syncscope/etc/" + file);
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
