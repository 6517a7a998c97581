package org.syncscope.api.config;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks raw configuration properties against a component's typed configuration (the annotation
 * type given to {@code @Designate}) before any of its methods is called.
 *
 * <p>Why: Declarative Services converts a property only when the component calls the method,
 * and then throws a bare {@code NumberFormatException} that names neither the key nor the file.
 * The operator edited a file; the message must say which file and which line is wrong.
 *
 * <p>Key names follow the DS rules for annotation methods ({@code source_target} is
 * {@code source.target}, {@code $_$} is {@code -}, {@code __} is {@code _}). Booleans must be
 * {@code true} or {@code false} (DS would read any other word as false). Missing keys are not
 * problems: the annotation's default applies.
 */
public final class ConfigCheck {

    private static final String FILE_KEY = "felix.fileinstall.filename";

    private ConfigCheck() {
    }

    /** Throws {@link InvalidConfigException} naming every bad value and the file; returns quietly when all convert. */
    public static void require(Class<?> configType, Map<String, ?> properties) {
        List<String> problems = problems(configType, properties);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(origin(properties), problems);
        }
    }

    /** One line per property whose value does not convert to the type its method declares. */
    public static List<String> problems(Class<?> configType, Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        for (Method method : configType.getDeclaredMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String key = keyOf(method.getName());
            Object raw = properties.get(key);
            if (raw == null) {
                continue;
            }
            String problem = check(method.getReturnType(), raw);
            if (problem != null) {
                problems.add(key + " = " + show(raw) + " " + problem);
            }
        }
        problems.sort(null);
        return problems;
    }

    /**
     * Where the configuration comes from, as the operator knows it: the file name
     * ({@code etc/org.syncscope.timestamp.cfg}) if File Install read it, else the PID.
     */
    public static String origin(Map<String, ?> properties) {
        Object file = properties.get(FILE_KEY);
        if (file != null) {
            String f = file.toString();
            if (f.startsWith("file:")) {
                f = f.substring("file:".length());
            }
            int slash = f.lastIndexOf('/');
            String base = slash >= 0 ? f.substring(slash + 1) : f;
            int parent = slash > 0 ? f.lastIndexOf('/', slash - 1) : -1;
            String dir = slash > 0 ? f.substring(parent + 1, slash) : "";
            return dir.isEmpty() ? base : dir + "/" + base;
        }
        Object pid = properties.get("service.pid");
        return pid == null ? "configuration" : "configuration " + pid;
    }

    /** The property key for an annotation method name, by the DS specification's mapping. */
    static String keyOf(String methodName) {
        StringBuilder key = new StringBuilder(methodName.length());
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (c == '$') {
                if (methodName.startsWith("$_$", i)) {
                    key.append('-');
                    i += 2;
                } else if (methodName.startsWith("$$", i)) {
                    key.append('$');
                    i++;
                }
                // a single $ is dropped
            } else if (c == '_') {
                if (methodName.startsWith("__", i)) {
                    key.append('_');
                    i++;
                } else {
                    key.append('.');
                }
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static String check(Class<?> type, Object raw) {
        if (type.isArray()) {
            Class<?> element = type.getComponentType();
            for (Object each : elements(raw)) {
                String problem = check(element, each);
                if (problem != null) {
                    return "has " + show(each) + ", which " + problem;
                }
            }
            return null;
        }
        Object value = raw;
        if (raw.getClass().isArray() || raw instanceof Collection) {
            List<Object> all = elements(raw);
            if (all.isEmpty()) {
                return null;
            }
            value = all.get(0);
        }
        return checkScalar(type, value);
    }

    private static String checkScalar(Class<?> type, Object value) {
        if (type == String.class || type == Object.class || type == Class.class || type.isAnnotation()) {
            return null;
        }
        if (type == boolean.class || type == Boolean.class) {
            if (value instanceof Boolean) {
                return null;
            }
            String s = value.toString().trim();
            return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") ? null : "is not true or false";
        }
        if (type == char.class || type == Character.class) {
            return value instanceof Character || value.toString().length() == 1 ? null : "is not one character";
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(value.toString().trim())) {
                    return null;
                }
            }
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return "is not one of " + String.join(", ", names);
        }
        if (value instanceof Number) {
            return integral(type) && !isIntegral((Number) value) ? "is not a whole number" : null;
        }
        String s = value.toString().trim();
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(s);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(s);
            } else if (type == short.class || type == Short.class) {
                Short.parseShort(s);
            } else if (type == byte.class || type == Byte.class) {
                Byte.parseByte(s);
            } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                double d = Double.parseDouble(s);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return "is not a finite number";
                }
            }
        } catch (NumberFormatException e) {
            return integral(type) ? "is not a whole number" : "is not a number";
        }
        return null;
    }

    private static boolean integral(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n.doubleValue() == Math.rint(n.doubleValue());
    }

    private static List<Object> elements(Object raw) {
        List<Object> all = new ArrayList<>();
        if (raw instanceof Collection) {
            all.addAll((Collection<?>) raw);
        } else if (raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                all.add(Array.get(raw, i));
            }
        } else {
            all.add(raw);
        }
        return all;
    }

    private static String show(Object raw) {
        if (raw.getClass().isArray() || raw instanceof Collection) {
            return elements(raw).toString();
        }
        return "'" + raw + "'";
    }
}
