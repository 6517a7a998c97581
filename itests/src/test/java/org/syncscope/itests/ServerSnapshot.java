package org.syncscope.itests;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a running shipped server shows of its bundles, services and demo profile, read through its
 * console. A bundle that Karaf refreshed or restarted keeps its id and ends Active again, but every
 * service it registered comes back with a new {@code service.id}, and a restarted sync profile
 * counts its updates from zero: comparing two snapshots tells a restart from a quiet server.
 */
record ServerSnapshot(Map<Long, String> bundles, Map<Long, Long> serviceBundles, Map<String, Long> demoUpdates) {

    private static final Pattern BUNDLE_LINE = Pattern.compile("^\\s*(\\d+)\\s*\\|\\s*(\\w+)\\s*\\|[^|]*\\|[^|]*\\|\\s*(\\S+)\\s*$");
    private static final Pattern SERVICE_KEY = Pattern.compile("^\\s*service\\.(id|bundleid) = (\\d+)\\s*$");

    static ServerSnapshot take(ShippedServer server) throws IOException {
        return new ServerSnapshot(bundles(server.console("bundle:list -t 0 -s")),
                services(server.console("service:list")),
                demoUpdates(server.console("syncprofile:status demo")));
    }

    /** Bundle id to "symbolic-name state", from {@code bundle:list -t 0 -s}. */
    private static Map<Long, String> bundles(String list) {
        Map<Long, String> out = new TreeMap<>();
        for (String line : list.split("\\R")) {
            Matcher m = BUNDLE_LINE.matcher(line);
            if (m.matches()) {
                out.put(Long.parseLong(m.group(1)), m.group(3) + " " + m.group(2));
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("no bundle in bundle:list:\n" + list);
        }
        return out;
    }

    /** Service id to the id of the bundle that registered it, from {@code service:list}. */
    private static Map<Long, Long> services(String list) {
        Map<Long, Long> out = new TreeMap<>();
        Map<String, Long> current = new HashMap<>();
        for (String line : list.split("\\R")) {
            Matcher m = SERVICE_KEY.matcher(line);
            if (m.matches()) {
                current.put(m.group(1), Long.parseLong(m.group(2)));
            }
            if (current.size() == 2) {
                out.put(current.get("id"), current.get("bundleid"));
                current.clear();
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("no service in service:list:\n" + list);
        }
        return out;
    }

    /** PV to its Updates column (a counter that only a restart of the profile sets back). */
    private static Map<String, Long> demoUpdates(String status) {
        List<String> lines = status.lines().collect(Collectors.toList());
        for (int i = 0; i < lines.size(); i++) {
            List<String> header = cells(lines.get(i));
            if (!header.isEmpty() && header.get(0).equals("PV") && header.contains("Updates")) {
                int column = header.indexOf("Updates");
                Map<String, Long> out = new TreeMap<>();
                for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("DEMO:"); j++) {
                    List<String> row = cells(lines.get(j));
                    out.put(row.get(0), Long.parseLong(row.get(column)));
                }
                return out;
            }
        }
        throw new AssertionError("no PV table with an Updates column in syncprofile:status demo:\n" + status);
    }

    private static List<String> cells(String line) {
        return List.of(line.split("\\|")).stream().map(String::trim).collect(Collectors.toList());
    }

    /** Symbolic names of the bundles installed now. */
    Set<String> symbolicNames() {
        return bundles.values().stream().map(v -> v.split(" ")[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Bundles whose symbolic name is not in {@code excluded}. */
    Map<Long, String> bundlesOutside(Set<String> excluded) {
        Map<Long, String> out = new TreeMap<>(bundles);
        out.values().removeIf(v -> excluded.contains(v.split(" ")[0]));
        return out;
    }

    /** Service ids registered by bundles whose symbolic name is not in {@code excluded}. */
    Set<Long> servicesOutside(Set<String> excluded) {
        return serviceBundles.entrySet().stream()
                .filter(e -> !excluded.contains(symbolicName(e.getValue())))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private String symbolicName(long bundleId) {
        String b = bundles.get(bundleId);
        return b == null ? "#" + bundleId : b.split(" ")[0];
    }
}
