package org.syncscope.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;

/**
 * What HotRedeployIT looks at inside the container: the services of the moment (looked up afresh,
 * since a redeployed provider registers new ones), PVs read over Channel Access by the server's own
 * client, monitors served per PV, service ids and threads.
 */
final class RedeployProbe {

    /**
     * JDK pools that grow and shrink with load on their own (python runs start "process reaper"
     * threads, Pax Exam's calls RMI connection threads): not a bundle's leak.
     */
    private static final List<String> JDK_POOLS = List.of("process reaper", "RMI TCP Connection",
            "ForkJoinPool.commonPool-worker", "Attach Listener");

    private final BundleContext context;

    RedeployProbe(BundleContext context) {
        this.context = context;
    }

    Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn);
    }

    /** The value of {@code pv} read through the CA client bundle now registered, or null (no client, no server, timeout). */
    PvUpdate read(String pv) {
        ServiceReference<PvSource> ref = only(PvSource.class);
        if (ref == null) {
            return null;
        }
        PvSource source = context.getService(ref);
        try {
            return source == null ? null : source.get(pv, Duration.ofMillis(500));
        } catch (Exception | AssertionError notNow) {
            return null;
        } finally {
            context.ungetService(ref);
        }
    }

    /** The Channel Access one of the services of {@code type} (there is one per protocol), or null. */
    private <T> ServiceReference<T> only(Class<T> type) {
        try {
            java.util.Collection<ServiceReference<T>> refs = context.getServiceReferences(type, "(protocol=ca)");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean allReadable(List<String> pvs) {
        return pvs.stream().allMatch(pv -> read(pv) != null);
    }

    /** Those of {@code pvs} that cannot be read now (for a failure message). */
    List<String> unreadable(List<String> pvs) {
        return pvs.stream().filter(pv -> read(pv) == null).toList();
    }

    /** Channel Access monitors the server holds per PV (our CA client's subscriptions among them); empty with no server. */
    Map<String, Integer> monitors() {
        ServiceReference<PvPublisher> ref = only(PvPublisher.class);
        if (ref == null) {
            return Map.of();
        }
        PvPublisher publisher = context.getService(ref);
        try {
            Map<String, Integer> m = new TreeMap<>();
            if (publisher != null) {
                for (PublishedPv pv : publisher.published()) {
                    if (pv.subscriberCount() > 0) {
                        m.put(pv.spec().name(), pv.subscriberCount());
                    }
                }
            }
            return m;
        } finally {
            context.ungetService(ref);
        }
    }

    /** service.id of each registered service of these classes (a re-activated component registers anew). */
    Map<String, List<Long>> serviceIds(List<String> classes) throws InvalidSyntaxException {
        Map<String, List<Long>> ids = new TreeMap<>();
        for (String c : classes) {
            ServiceReference<?>[] refs = context.getServiceReferences(c, null);
            List<Long> found = new ArrayList<>();
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    found.add((Long) r.getProperty(Constants.SERVICE_ID));
                }
            }
            found.sort(null);
            ids.put(c, found);
        }
        return ids;
    }

    /** Live threads per name with digits removed ("timeav-DEMO:PV#:SD", "CAJ-#"), JDK pools left out. */
    static Map<String, Long> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> JDK_POOLS.stream().noneMatch(t.getName()::startsWith))
                .collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new, Collectors.counting()));
    }

    /** Thread ids by exact name, for threads a component owns: a re-created component has a new thread. */
    static Map<String, List<Long>> threadIds(List<String> names) {
        Map<String, List<Long>> ids = new TreeMap<>();
        for (String n : names) {
            ids.put(n, Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().equals(n))
                    .map(Thread::getId).sorted().collect(Collectors.toList()));
        }
        return ids;
    }

    /** Names whose thread count is above {@code before}'s, with both counts. */
    static List<String> grown(Map<String, Long> before) {
        List<String> grown = new ArrayList<>();
        threads().forEach((name, n) -> {
            if (n > before.getOrDefault(name, 0L)) {
                grown.add(name + ": " + before.getOrDefault(name, 0L) + " -> " + n);
            }
        });
        return grown;
    }

    /** The stack of every live thread whose name (digits removed) counts more than in {@code before}: what a leak is doing. */
    static String stacksOfGrown(Map<String, Long> before) {
        List<String> grownNames = grown(before).stream().map(g -> g.substring(0, g.lastIndexOf(": "))).toList();
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.isAlive() && grownNames.contains(t.getName().replaceAll("\\d+", "#"))) {
                b.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
                for (StackTraceElement e : stack) {
                    b.append("    at ").append(e).append('\n');
                }
            }
        });
        return b.toString();
    }

    /** Waits (bounded) until two thread snapshots a second apart agree: components have their steady threads. */
    static Map<String, Long> steadyThreads() throws InterruptedException {
        Map<String, Long> last = threads();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Map<String, Long> now = threads();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("threads never settled within 20 s: " + last);
    }
}
