package org.syncscope.metrics.internal;

import static org.syncscope.metrics.internal.MetricNames.*;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The JVM's basics from {@code java.lang.management}, read at each scrape (a few MXBean calls).
 * The process CPU time is the operating system MXBean's {@code ProcessCpuTime} attribute, read
 * through the platform MBean server: its typed interface lives in {@code com.sun.management},
 * which the OSGi framework need not export, while the attribute is there on every HotSpot JVM.
 */
final class JvmMetrics {

    private static final double MILLIS_PER_SECOND = 1e3;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final ObjectName OPERATING_SYSTEM = objectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME);

    private JvmMetrics() {
    }

    static void render(List<MetricSnapshot> out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        Labels heapArea = Labels.of("area", "heap");
        Labels nonHeapArea = Labels.of("area", "nonheap");
        new Gauges(JVM_MEMORY_USED, JVM_MEMORY_USED_HELP, Unit.BYTES)
                .add(heap.getUsed(), heapArea).add(nonHeap.getUsed(), nonHeapArea).addTo(out);
        new Gauges(JVM_MEMORY_COMMITTED, JVM_MEMORY_COMMITTED_HELP, Unit.BYTES)
                .add(heap.getCommitted(), heapArea).add(nonHeap.getCommitted(), nonHeapArea).addTo(out);
        new Gauges(JVM_MEMORY_MAX, JVM_MEMORY_MAX_HELP, Unit.BYTES)
                .add(definedOrNaN(heap.getMax()), heapArea).add(definedOrNaN(nonHeap.getMax()), nonHeapArea).addTo(out);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        new Gauges(JVM_THREADS_CURRENT, JVM_THREADS_CURRENT_HELP).add(threads.getThreadCount(), Labels.EMPTY).addTo(out);
        new Gauges(JVM_THREADS_DAEMON, JVM_THREADS_DAEMON_HELP).add(threads.getDaemonThreadCount(), Labels.EMPTY).addTo(out);
        new Gauges(JVM_THREADS_PEAK, JVM_THREADS_PEAK_HELP).add(threads.getPeakThreadCount(), Labels.EMPTY).addTo(out);

        Counters collections = new Counters(JVM_GC_COLLECTIONS, JVM_GC_COLLECTIONS_HELP);
        Counters collectionSeconds = new Counters(JVM_GC_COLLECTION_SECONDS, JVM_GC_COLLECTION_SECONDS_HELP, Unit.SECONDS);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Labels labels = Labels.of("gc", gc.getName());
            collections.add(gc.getCollectionCount(), labels);      // -1: not available, left out
            long ms = gc.getCollectionTime();
            collectionSeconds.add(ms < 0 ? Double.NaN : ms / MILLIS_PER_SECOND, labels);
        }
        collections.addTo(out);
        collectionSeconds.addTo(out);

        long cpuNanos = processCpuNanos();
        new Counters(PROCESS_CPU, PROCESS_CPU_HELP, Unit.SECONDS)
                .add(cpuNanos < 0 ? Double.NaN : cpuNanos / NANOS_PER_SECOND, Labels.EMPTY).addTo(out);
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        new Gauges(PROCESS_START, PROCESS_START_HELP, Unit.SECONDS)
                .add(runtime.getStartTime() / MILLIS_PER_SECOND, Labels.EMPTY).addTo(out);
        new Gauges(PROCESS_UPTIME, PROCESS_UPTIME_HELP, Unit.SECONDS)
                .add(runtime.getUptime() / MILLIS_PER_SECOND, Labels.EMPTY).addTo(out);
    }

    private static double definedOrNaN(long bytes) {
        return bytes < 0 ? Double.NaN : bytes;
    }

    /** The process's CPU time in ns, or -1 where the JVM does not tell it. */
    static long processCpuNanos() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            Object value = server.getAttribute(OPERATING_SYSTEM, "ProcessCpuTime");
            return value instanceof Long ? (Long) value : -1;
        } catch (JMException | RuntimeException notThere) {
            return -1;
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
