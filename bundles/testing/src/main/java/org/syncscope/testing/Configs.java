package org.syncscope.testing;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed configuration over raw properties, converted as Declarative Services does it: only when a
 * method is called, so a non-numeric value throws there (as SCR's raw NumberFormatException would).
 */
public final class Configs {

    private static final String FILE = "felix.fileinstall.filename";

    private Configs() {
    }

    /** The properties as Config Admin would hand them over for {@code etc/FILE}. */
    public static Map<String, Object> fromFile(String file, Object... keysAndValues) {
        Map<String, Object> p = new HashMap<>();
        p.put(FILE, "file:/opt/syncscope/etc/" + file);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    /** {@code type} (a DS configuration annotation) over {@code properties}, keys mapped from method names as DS does. */
    public static <T> T of(Class<T> type, Map<String, Object> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + properties : null;
            }
            Object raw = properties.get(key(method.getName()));
            return raw == null ? method.getDefaultValue() : convert(method, raw);
        }));
    }

    private static String key(String name) {
        return name.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object convert(Method method, Object raw) {
        Class<?> t = method.getReturnType();
        if (t.isArray()) {
            List<?> items = raw instanceof Collection<?> c ? List.copyOf(c)
                    : raw.getClass().isArray() ? toList(raw) : List.of(raw);
            Object out = Array.newInstance(t.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(out, i, scalar(t.getComponentType(), items.get(i)));
            }
            return out;
        }
        return scalar(t, raw.getClass().isArray() ? Array.get(raw, 0) : raw);
    }

    private static List<Object> toList(Object array) {
        Object[] out = new Object[Array.getLength(array)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Array.get(array, i);
        }
        return List.of(out);
    }

    private static Object scalar(Class<?> t, Object raw) {
        if (t.isInstance(raw) || (t == boolean.class && raw instanceof Boolean)) {
            return raw;
        }
        if (raw instanceof Number n) {
            return t == int.class ? n.intValue() : t == long.class ? n.longValue() : t == float.class
                    ? (Object) n.floatValue() : t == double.class ? (Object) n.doubleValue() : n.toString();
        }
        String s = raw.toString().trim();
        if (t == int.class) {
            return Integer.parseInt(s);
        }
        if (t == long.class) {
            return Long.parseLong(s);
        }
        if (t == double.class) {
            return Double.parseDouble(s);
        }
        if (t == float.class) {
            return Float.parseFloat(s);
        }
        if (t == boolean.class) {
            return Boolean.parseBoolean(s);
        }
        return s;
    }
}
