package org.syncscope.bench;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.cas.testing.CaServers;

/**
 * A stand-in IOC for benchmarks, in a process of its own: serves N double PVs {@code SCALE:0} ..
 * {@code SCALE:N-1} on our Channel Access server (the cas bundle's component), each counting up
 * once per period at R Hz. The N posts of a period are spread evenly over it (PV i at
 * {@code i/N} of the period) so the load is steady rather than one burst per period, and every
 * deadline is computed from the start ({@code start + k/(N R)}), so a late post never shifts the
 * later ones: a slow moment is caught up, the rate does not drift. Each value is stamped with the
 * wall clock at its post, as a record stamps its processing time.
 *
 * <p>Also serves, posted once a second: {@code SCALEIOC:Posts} (posts made since the start, a
 * double stamped when counted, so a reader takes the offered rate from two readings) and
 * {@code SCALEIOC:LagMax} (s, the latest any post of the last second was after its deadline).
 *
 * <p>Usage: {@code CountingIoc PVS RATE_HZ PORT BEACON_PORT}. Prints {@code serving ...} once it
 * serves; runs until killed (SIGTERM stops the server cleanly).
 */
public final class CountingIoc {

    private CountingIoc() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CountingIoc PVS RATE_HZ PORT BEACON_PORT");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        double rateHz = Double.parseDouble(args[1]);
        int port = Integer.parseInt(args[2]);
        int beaconPort = Integer.parseInt(args[3]);
        // One client (the server's CA client) holds a channel and a monitor per PV, beyond the
        // server's default of 4096 per client at 10 000 PVs; the probe's few come on top.
        String perClient = Integer.toString(n + 64);
        CaServers.Running server = CaServers.loopback(port,
                "beaconAddrList", "127.0.0.1:" + beaconPort,
                "maxChannelsPerClient", perClient,
                "maxMonitorsPerClient", perClient);
        PublishedPv[] pvs = new PublishedPv[n];
        for (int i = 0; i < n; i++) {
            pvs[i] = server.publisher().publish(PvSpec.ofDouble("SCALE:" + i, "", 0, "count"));
        }
        PublishedPv postsPv = server.publisher().publish(PvSpec.ofDouble("SCALEIOC:Posts", "", 0, "posts made"));
        PublishedPv lagPv = server.publisher().publish(PvSpec.ofDouble("SCALEIOC:LagMax", "s", 6,
                "latest post after its deadline, last second"));

        Poster poster = new Poster(pvs, Math.round(1e9 / rateHz));
        Thread posting = new Thread(poster, "counting-ioc-poster");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            poster.running = false;
            try {
                posting.join(2000);
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.close();
        }, "counting-ioc-stop"));
        posting.start();
        System.out.printf("serving %d PVs SCALE:0..%d at %s Hz on port %d%n", n, n - 1, args[1], port);
        System.out.flush();
        try {
            while (poster.running) {
                Thread.sleep(1000);
                long now = nowNanos();
                postsPv.post((double) poster.posts, now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                lagPv.post(poster.takeLagMax() / 1e9, now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            }
        } finally {
            stopped.countDown();
        }
    }

    static long nowNanos() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** The one posting thread: post k goes to PV k mod N, due at start + k × period / N. */
    private static final class Poster implements Runnable {
        private final PublishedPv[] pvs;
        private final long periodNanos;
        volatile boolean running = true;
        volatile long posts;
        private volatile long lagMax;

        Poster(PublishedPv[] pvs, long periodNanos) {
            this.pvs = pvs;
            this.periodNanos = periodNanos;
        }

        long takeLagMax() {
            long l = lagMax;
            lagMax = 0;   // a racing larger lag of this instant is lost: a figure for the eye, not a count
            return l;
        }

        @Override
        public void run() {
            int n = pvs.length;
            long start = System.nanoTime();
            long count = 0;
            for (long k = 0; running; k++) {
                long cycle = k / n;
                int i = (int) (k % n);
                // From the start each time (never deadline += step): the rounding of period/N does not add up.
                long due = start + cycle * periodNanos + i * periodNanos / n;
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && running) {
                    LockSupport.parkNanos(wait);
                }
                long lag = -wait;
                if (lag > lagMax) {
                    lagMax = lag;
                }
                pvs[i].post((double) cycle, nowNanos(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                posts = ++count;
            }
        }
    }
}
