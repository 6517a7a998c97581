package org.syncscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.ca.testing.CaClients;

/**
 * The measuring side of bench/syncprofile-scale.sh, in a process of its own: reads a running
 * server's sync profile health PVs ({@code SYNCPROFILE:NAME:ProcessedUpdates}, {@code
 * :DroppedUpdates}, {@code :QueuedUpdates}, {@code :LatencyP50}, {@code :LatencyP99}) and the
 * {@link CountingIoc}'s {@code SCALEIOC:Posts} and {@code :LagMax} over Channel Access, and the
 * two processes' CPU time and memory from /proc. Waits until the profile has processed updates
 * (without a profile: until the server's demo PV DEMO:PV1 counts), warms up, then measures for the given time and prints one line {@code RESULT key=value ...}.
 *
 * <p>Rates come from the counters' own timestamps (each is stamped when counted, once a second),
 * not from when this process read them, so a late reading does not bend them. CPU is utime + stime
 * over the wall time between two readings of /proc/PID/stat. Memory is read from
 * /proc/PID/smaps_rollup every 5 s (the largest reading is printed): RSS counts a page once per
 * mapping, and ZGC maps its heap three times, so a ZGC heap's pages appear up to three times in
 * RSS; PSS counts each page once (its size divided among its mappings).
 *
 * <p>Usage: {@code ScaleProbe SERVER_CA_PORT IOC_CA_PORT PROFILE SERVER_PID IOC_PID WAIT_S WARMUP_S
 * DURATION_S CLK_TCK}; PROFILE {@code -} and IOC_PID 0 for a server without profile and IOC (only
 * CPU and memory are measured).
 */
public final class ScaleProbe {

    private ScaleProbe() {
    }

    /** The latest update of one PV, and with {@code record} on, every value since. */
    private static final class Latest implements PvListener {
        private double value = Double.NaN;
        private long stampNanos;
        private boolean record;
        private final List<Double> recorded = new ArrayList<>();

        @Override
        public synchronized void onUpdate(PvUpdate u) {
            value = u.value() instanceof PvValue.DoubleValue d ? d.value()
                    : u.value() instanceof PvValue.LongValue l ? l.value() : Double.NaN;
            stampNanos = u.sourceTimeNanos();
            if (record && !Double.isNaN(value)) {
                recorded.add(value);
            }
        }

        synchronized double value() {
            return value;
        }

        synchronized long stampNanos() {
            return stampNanos;
        }

        synchronized void record(boolean on) {
            record = on;
        }

        synchronized List<Double> recorded() {
            return new ArrayList<>(recorded);
        }
    }

    /** A counter's value and stamp at one moment. */
    private record Reading(double value, long stampNanos) {
        static Reading of(Latest l) {
            synchronized (l) {
                return new Reading(l.value(), l.stampNanos());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: ScaleProbe SERVER_CA_PORT IOC_CA_PORT PROFILE SERVER_PID IOC_PID WAIT_S WARMUP_S DURATION_S CLK_TCK");
            System.exit(2);
        }
        int serverPort = Integer.parseInt(args[0]);
        int iocPort = Integer.parseInt(args[1]);
        String profile = args[2];
        long serverPid = Long.parseLong(args[3]);
        long iocPid = Long.parseLong(args[4]);
        long waitSeconds = Long.parseLong(args[5]);
        long warmupSeconds = Long.parseLong(args[6]);
        long durationSeconds = Long.parseLong(args[7]);
        double clkTck = Double.parseDouble(args[8]);
        boolean withProfile = !profile.equals("-");

        try (CaClients.Running client = CaClients.loopback(serverPort,
                "addrList", "127.0.0.1:" + serverPort + " 127.0.0.1:" + iocPort)) {
            String base = "SYNCPROFILE:" + profile + ":";
            Latest processed = new Latest();
            Latest dropped = new Latest();
            Latest queued = new Latest();
            Latest p50 = new Latest();
            Latest p99 = new Latest();
            Latest posts = new Latest();
            Latest lag = new Latest();
            if (withProfile) {
                client.source().subscribe(base + "ProcessedUpdates", processed);
                client.source().subscribe(base + "DroppedUpdates", dropped);
                client.source().subscribe(base + "QueuedUpdates", queued);
                client.source().subscribe(base + "LatencyP50", p50);
                client.source().subscribe(base + "LatencyP99", p99);
            }
            if (iocPid != 0) {
                client.source().subscribe("SCALEIOC:Posts", posts);
                client.source().subscribe("SCALEIOC:LagMax", lag);
            }

            // Ready: the profile has processed updates; without a profile, the demo site's IOC serves DEMO:PV1.
            Latest ready = processed;
            String readyName = base + "ProcessedUpdates";
            if (!withProfile) {
                readyName = "DEMO:PV1";
                ready = new Latest();
                client.source().subscribe(readyName, ready);
            }
            long started = System.nanoTime();
            long deadline = started + waitSeconds * 1_000_000_000L;
            while (!(ready.value() > 0 || !withProfile && !Double.isNaN(ready.value()))) {
                alive(serverPid, "server");
                alive(iocPid, "IOC");
                if (System.nanoTime() - deadline > 0) {
                    fail("no " + readyName + (withProfile ? " above 0" : "") + " within " + waitSeconds + " s ("
                            + (Double.isNaN(ready.value()) ? "not connected" : "0") + ")");
                }
                Thread.sleep(200);
            }
            System.err.printf("probe: ready (%s) after %.1f s; warming up %d s%n",
                    readyName, (System.nanoTime() - started) / 1e9, warmupSeconds);
            sleepWatching(warmupSeconds, serverPid, iocPid, null);

            for (Latest l : List.of(p50, p99, lag)) {
                l.record(true);
            }
            Reading processed0 = Reading.of(processed);
            Reading posts0 = Reading.of(posts);
            double dropped0 = dropped.value();
            long cpuServer0 = cpuTicks(serverPid);
            long cpuIoc0 = iocPid == 0 ? 0 : cpuTicks(iocPid);
            long wall0 = System.nanoTime();
            long[] memory = new long[2];   // largest RSS and PSS seen, kB
            sleepWatching(durationSeconds, serverPid, iocPid, memory);
            long cpuServer1 = cpuTicks(serverPid);
            long cpuIoc1 = iocPid == 0 ? 0 : cpuTicks(iocPid);
            long wall1 = System.nanoTime();
            long wallEndNanos = CountingIoc.nowNanos();
            Reading processed1 = Reading.of(processed);
            Reading posts1 = Reading.of(posts);
            for (Latest l : List.of(p50, p99, lag)) {
                l.record(false);
            }

            double seconds = (wall1 - wall0) / 1e9;
            StringBuilder out = new StringBuilder("RESULT");
            put(out, "seconds", "%.1f", seconds);
            put(out, "server_cpu_pct", "%.1f", 100.0 * (cpuServer1 - cpuServer0) / clkTck / seconds);
            put(out, "rss_mb", "%.0f", memory[0] / 1024.0);
            put(out, "pss_mb", "%.0f", memory[1] / 1024.0);
            if (iocPid != 0) {
                put(out, "offered_per_s", "%.0f", rate(posts0, posts1, wallEndNanos));
                put(out, "ioc_cpu_pct", "%.1f", 100.0 * (cpuIoc1 - cpuIoc0) / clkTck / seconds);
                put(out, "ioc_lag_max_ms", "%.1f", 1e3 * max(lag.recorded()));
            }
            if (withProfile) {
                double done = rate(processed0, processed1, wallEndNanos);
                put(out, "processed_per_s", "%.0f", done);
                if (iocPid != 0) {
                    put(out, "processed_pct", "%.2f", 100.0 * done / rate(posts0, posts1, wallEndNanos));
                }
                put(out, "p50_ms", "%.2f", 1e3 * median(p50.recorded()));
                put(out, "p99_ms", "%.2f", 1e3 * median(p99.recorded()));
                put(out, "p99_max_ms", "%.2f", 1e3 * max(p99.recorded()));
                put(out, "dropped", "%.0f", dropped.value() - (Double.isNaN(dropped0) ? 0 : dropped0));
                put(out, "queued", "%.0f", queued.value());
            }
            System.out.println(out);
        }
        // CAJ's client context leaves non-daemon threads behind
        System.exit(0);
    }

    /**
     * Per second between two readings of a counter. A counter is posted only when it changed, so
     * one that stopped counting keeps an old stamp: then the span runs to about the end of the
     * measurement instead (its last tick at most ~1 s before), which is what it did not count.
     */
    private static double rate(Reading a, Reading b, long wallEndNanos) {
        long end = Math.max(b.stampNanos(), wallEndNanos - 1_100_000_000L);
        return (b.value() - a.value()) / ((end - a.stampNanos()) / 1e9);
    }

    private static void sleepWatching(long seconds, long serverPid, long iocPid, long[] memory) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long nextMemory = System.nanoTime();
        while (System.nanoTime() - end < 0) {
            alive(serverPid, "server");
            alive(iocPid, "IOC");
            if (memory != null && System.nanoTime() - nextMemory >= 0) {
                long[] m = memoryKb(serverPid);
                memory[0] = Math.max(memory[0], m[0]);
                memory[1] = Math.max(memory[1], m[1]);
                nextMemory += 5_000_000_000L;
            }
            Thread.sleep(Math.max(1, Math.min(500, (end - System.nanoTime()) / 1_000_000)));
        }
        if (memory != null) {
            long[] m = memoryKb(serverPid);
            memory[0] = Math.max(memory[0], m[0]);
            memory[1] = Math.max(memory[1], m[1]);
        }
    }

    private static void alive(long pid, String what) {
        if (pid != 0 && !Files.exists(Path.of("/proc/" + pid))) {
            fail("the " + what + " (pid " + pid + ") ended");
        }
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Rss and Pss of a process in kB, from /proc/PID/smaps_rollup. */
    private static long[] memoryKb(long pid) throws IOException {
        long[] m = new long[2];
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Rss:")) {
                m[0] = kb(line);
            } else if (line.startsWith("Pss:")) {
                m[1] = kb(line);
            }
        }
        return m;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static void put(StringBuilder out, String key, String format, double value) {
        out.append(' ').append(key).append('=').append(String.format(Locale.ROOT, format, value));
    }

    private static void fail(String why) {
        System.err.println("probe: " + why);
        System.exit(1);
    }
}
