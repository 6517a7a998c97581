package org.syncscope.timestamp.internal.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.syncscope.api.pv.AddressList;
import org.syncscope.timestamp.internal.ClockLimits;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/**
 * A soft slave's offset to its master over UDP on loopback at syncRateSeconds = 1, with the
 * shipped clock limits: every second an independent probe (its own socket, the smallest delay of
 * four exchanges) measures the offset just before the slave's sync — after a whole period of
 * free-running, the worst moment — then the slave syncs as the driver does ({@link SlaveSync}:
 * samplesPerSync exchanges, {@link ClockFilter}, clock loop). The slave's host clock starts 250 ms
 * off, slewed at 83 333 ppm in 3 s; the first {@value #SETTLE} s are left out of the figures.
 *
 * <p>Usage: {@code SlaveOffset [seconds] [label]}; {@code bench/timestamp-offset.sh} runs it from
 * {@code bench/target/benchmarks.jar} (this bundle's test-jar is in it), beside chronyd. It lives
 * beside the classes it measures because it drives them directly — the engine on a host clock
 * that is off, the stamp server, the client — which no public API offers outside a running server.
 */
public final class SlaveOffset {

    static final int SETTLE = 10;

    private SlaveOffset() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        String label = args.length > 1 ? args[1] + ": " : "";
        TimestampEngine master = new TimestampEngine(new TimestampSettings(true, 1, 18323, 18322, 250, true, "", 0,
                2.0, "", null, null), null, "", NanoClock.SYSTEM, Runnable::run);
        NanoClock offHost = NanoClock.systemShiftedBy(250_000_000L);
        try (StampServer server = new StampServer(new InetSocketAddress("127.0.0.1", 0), new EngineTimeSource(master))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            TimestampEngine slave = new TimestampEngine(new TimestampSettings(false, 1, 18323, 18322, 250, true, "",
                    0, 2.0, "", AddressList.parse("m", "127.0.0.1:" + server.port()), null), null, "", offHost, Runnable::run);
            MasterClient slaveClient = new MasterClient(slave::currentTime, System::nanoTime, Duration.ofMillis(250));
            SlaveSync sync = new SlaveSync(slave, List.of(address), slaveClient, 1_000_000_000L, null,
                    ClockLimits.DEFAULTS.samplesPerSync());
            MasterClient probe = new MasterClient(slave::currentTime, System::nanoTime, Duration.ofMillis(250));
            ClockFilter probeFilter = new ClockFilter();
            int ip = MasterClient.ipv4(address);
            long[] offsets = new long[seconds];
            int n = 0;
            long start = System.nanoTime();
            for (int s = 0; s < seconds; s++) {
                sleepUntil(start + s * 1_000_000_000L);
                if (s >= SETTLE) {
                    probeFilter.begin();
                    for (int k = 0; k < 4; k++) {
                        if (probe.exchange(ip, address.getPort())) {
                            probeFilter.offer(probe.offsetNanos(), probe.roundTripNanos(), probe.sampleMono());
                        }
                    }
                    probeFilter.end();
                    offsets[n++] = Math.abs(probeFilter.offset());
                }
                sync.syncOnce();
            }
            row(label + "Syncscope soft slave vs its master (1 sync/s)", offsets, n);
            System.out.printf("| %stimestamps: %s; backwards prevented %d | | | | |%n", label, slaveClient.stamping(),
                    slave.status().backwardsPrevented());
            slaveClient.close();
            probe.close();
        }
    }

    /** Sleeps until monotonic {@code due} (no-op when it has passed). */
    static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** A Markdown table row: samples, p50, p99, max of the first {@code n} values (ns), in µs. */
    static void row(String what, long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        System.out.printf("| %s | %d | %.2f | %.2f | %.2f |%n", what, n, sorted[(n - 1) / 2] / 1e3,
                sorted[(int) ((n - 1) * 0.99)] / 1e3, sorted[n - 1] / 1e3);
    }
}
