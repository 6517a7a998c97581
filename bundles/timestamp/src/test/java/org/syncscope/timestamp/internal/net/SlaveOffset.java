package org.syncscope.timestamp.internal.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.syncscope.api.pv.AddressList;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/**
 * A soft slave's offset to its master over UDP on loopback at syncRateSeconds = 1: every second
 * an independent time request measures the offset (before that second's correction), then the
 * slave syncs. The slave's host clock starts 250 ms off. Prints p50/p99/max of |offset| after the
 * first 5 s, against the design's requirement of "within 2 ticks or 1/30 s".
 *
 * <p>Usage: {@code SlaveOffset [seconds]} (default 600); {@code bench/timestamp-offset.sh} runs it
 * from {@code bench/target/benchmarks.jar} (this bundle's test-jar is in it). It lives beside the
 * classes it measures because it drives them directly — the engine on a host clock that is off,
 * the stamp server, the client — which no public API offers outside a running server.
 */
public final class SlaveOffset {

    private SlaveOffset() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        TimestampEngine master = new TimestampEngine(new TimestampSettings(true, 1, 18323, 18322, 250, true, "", 0,
                2.0, "", null, null), null, "", NanoClock.SYSTEM, Runnable::run);
        NanoClock offHost = NanoClock.systemShiftedBy(250_000_000L);
        try (StampServer server = new StampServer(new InetSocketAddress("127.0.0.1", 0), new EngineTimeSource(master))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            TimestampEngine slave = new TimestampEngine(new TimestampSettings(false, 1, 18323, 18322, 250, true, "",
                    0, 2.0, "", AddressList.parse("m", "127.0.0.1:" + server.port()), null), null, "", offHost, Runnable::run);
            MasterClient probe = new MasterClient(slave::currentTime, System::nanoTime, Duration.ofMillis(250));
            SlaveSync sync = new SlaveSync(slave, List.of(address), probe, 1_000_000_000L);
            long[] offsets = new long[seconds];
            int n = 0;
            long start = System.nanoTime();
            for (int s = 0; s < seconds; s++) {
                long due = start + s * 1_000_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (s >= 5) {
                    offsets[n++] = Math.abs(probe.query(address).offsetNanos());
                }
                sync.syncOnce();
            }
            long[] sorted = Arrays.copyOf(offsets, n);
            Arrays.sort(sorted);
            System.out.printf("soft slave vs master, %d s at 1 sync/s on loopback: |offset| p50 %.3f ms, p99 %.3f ms, "
                            + "max %.3f ms (%d samples); requirement 1/30 s = 33.333 ms; backwards prevented %d%n",
                    seconds, sorted[n / 2] / 1e6, sorted[Math.min(n - 1, (int) (0.99 * n))] / 1e6, sorted[n - 1] / 1e6, n,
                    slave.status().backwardsPrevented());
        }
    }
}
