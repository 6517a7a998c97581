package org.syncscope.syncprofile.internal;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.ca.testing.CaClients;
import org.syncscope.cas.testing.CaServers;

/**
 * The sync profile end to end through real Channel Access on loopback: an "IOC" (our CA server)
 * posts to N input PVs round-robin at a chosen total rate; a profile reads them with our CA
 * client and publishes its outputs through a second CA server. Steps the rate up until the
 * profile falls behind (its queue grows, or fewer than 95 % of the posts are processed), then
 * measures source-timestamp-to-post latency at half the highest sustained rate, with CPU and heap.
 *
 * <p>Usage: {@code SyncProfileThroughput N [seconds-per-step]}; {@code bench/syncprofile-throughput.sh}
 * runs it from {@code bench/target/benchmarks.jar} (this bundle's test-jar is in it). It lives beside
 * the profile's classes because it builds a {@link SyncProfile} directly, without SCR or Config Admin.
 */
public final class SyncProfileThroughput {

    private static final int IOC_PORT = 15096;
    private static final int OUT_PORT = 15097;

    private SyncProfileThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args.length > 0 ? args[0] : "10");
        int seconds = Integer.parseInt(args.length > 1 ? args[1] : "5");
        // the ca and cas bundles' DS components, reached through their services as in Karaf
        CaServers.Running ioc = CaServers.loopback(IOC_PORT);
        CaServers.Running outputs = CaServers.loopback(OUT_PORT);
        List<PublishedPv> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("IN:" + i);
            inputs.add(ioc.publisher().publish(PvSpec.ofDouble("IN:" + i, "", 0, "")));
        }
        AtomicLong processed = new AtomicLong();
        LatencyLog latencies = new LatencyLog();
        try (CaClients.Running client = CaClients.loopback(IOC_PORT)) {
            PvSource source = client.source();
            PvPublisher publisher = outputs.publisher();
            long heapBefore = usedHeapAfterGc();
            SyncProfile profile = new SyncProfile("bench", new ProfileSettings(names, 100, TimestampMode.SOURCE, "OUT:", 0),
                    source, publisher, new WorkerLane("bench", 1_000_000));
            profile.setLatencyObserver(ns -> {
                processed.incrementAndGet();
                latencies.add(ns);
            });
            int pairs = n * (n - 1) / 2;
            System.out.printf("%d input PVs, %d pairs, %d output PVs; profile heap %.1f MB%n", n, pairs, 5 * (n + pairs),
                    (usedHeapAfterGc() - heapBefore) / 1e6);
            Thread.sleep(3000);   // connections

            int best = 0;
            for (int rate : new int[] {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000}) {
                Step s = run(inputs, profile, processed, latencies, rate, seconds);
                System.out.printf("  %7d updates/s: processed %5.1f %%, queue at end %d%n", rate, s.processedPercent, s.queueAtEnd);
                if (s.processedPercent < 95 || s.queueAtEnd > rate / 10) {
                    break;
                }
                best = rate;
                drain(profile);
            }
            drain(profile);
            Thread.sleep(5000);   // let what the overloaded step left in the CA layers arrive first
            int half = Math.max(best / 2, 50);
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            Step s = run(inputs, profile, processed, latencies, half, seconds);
            double cpu = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
            long[] sorted = s.latencies;
            System.out.printf("highest sustained: %d updates/s; at %d updates/s: latency p50 %.3f ms, p99 %.3f ms "
                            + "(%d samples), CPU %.0f %% of one core, heap in use %.1f MB%n",
                    best, half, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted.length, cpu * 100,
                    usedHeapAfterGc() / 1e6);
            profile.close();
        } finally {
            ioc.close();
            outputs.close();
        }
    }

    private record Step(double processedPercent, long queueAtEnd, long[] latencies) {
    }

    private static Step run(List<PublishedPv> inputs, SyncProfile profile, AtomicLong processed, LatencyLog log,
                            int rate, int seconds) throws InterruptedException {
        processed.set(0);
        log.clear();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong posted = new AtomicLong();
        Thread poster = new Thread(() -> {
            long start = System.nanoTime();
            long k = 0;
            int n = inputs.size();
            while (running.get()) {
                long due = start + k * 1_000_000_000L / rate;
                long now = System.nanoTime();
                if (now < due) {
                    if (due - now > 200_000) {
                        try {
                            Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    continue;
                }
                Instant t = Instant.now();
                inputs.get((int) (k % n)).post(new PvValue.DoubleValue(k), t.getEpochSecond() * 1_000_000_000L + t.getNano(),
                        AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                posted.incrementAndGet();
                k++;
            }
        });
        poster.start();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        poster.join();
        long queue = profile.pendingUpdates();
        Thread.sleep(300);   // let in-flight network traffic land
        return new Step(100.0 * processed.get() / Math.max(1, posted.get()), queue, log.sorted());
    }

    private static void drain(SyncProfile profile) throws InterruptedException {
        for (int i = 0; i < 600 && profile.pendingUpdates() > 0; i++) {
            Thread.sleep(100);
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Latencies from the profile thread, kept without locking (one writer). */
    private static final class LatencyLog {
        private long[] values = new long[1 << 20];
        private final AtomicInteger size = new AtomicInteger();

        void add(long v) {
            int i = size.getAndIncrement();
            if (i < values.length) {
                values[i] = v;
            }
        }

        void clear() {
            size.set(0);
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, Math.min(size.get(), values.length));
            Arrays.sort(copy);
            return copy;
        }
    }
}
