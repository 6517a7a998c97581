package org.syncscope.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

    private static List<String> samples() {
        List<MetricSnapshot> out = new ArrayList<>();
        JvmMetrics.render(out);
        return PrometheusTextFormatWriter.create().toDebugString(new MetricSnapshots(out)).lines()
                .filter(l -> !l.startsWith("#")).toList();
    }

    private static double value(List<String> samples, String series) {
        String line = samples.stream().filter(l -> l.startsWith(series + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(series + " missing in " + samples));
        return Double.parseDouble(line.substring(series.length() + 1));
    }

    @Test
    void memoryThreadsAndUptimeInBaseUnits() {
        List<String> s = samples();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        // bytes, not kB or MB: within a factor of 2 of what the MXBean says now
        assertThat(value(s, "jvm_memory_used_bytes{area=\"heap\"}")).isBetween(heapUsed / 2.0, heapUsed * 2.0 + 64e6);
        assertThat(value(s, "jvm_memory_committed_bytes{area=\"nonheap\"}")).isPositive();
        assertThat(value(s, "jvm_threads_current")).isGreaterThanOrEqualTo(1);
        long startMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        assertThat(value(s, "process_start_time_seconds")).isEqualTo(startMs / 1e3);
        // seconds, not ms: this JVM has not been up for days
        assertThat(value(s, "process_uptime_seconds")).isBetween(0.0, 86_400.0);
    }

    @Test
    void gcCountersPerCollectorAndTheProcessCpuTime() {
        List<String> s = samples();
        String gc = ManagementFactory.getGarbageCollectorMXBeans().get(0).getName();
        assertThat(s).anyMatch(l -> l.startsWith("jvm_gc_collections_total{gc=\"" + gc + "\"} "));
        assertThat(s).anyMatch(l -> l.startsWith("jvm_gc_collection_seconds_total{gc=\"" + gc + "\"} "));
        // HotSpot has it; seconds: well below the hours a ns count would read as
        long cpuNanos = JvmMetrics.processCpuNanos();
        assertThat(cpuNanos).isPositive();
        assertThat(value(s, "process_cpu_seconds_total")).isBetween(cpuNanos / 1e9 - 1, cpuNanos / 1e9 + 60);
    }
}
