package org.syncscope.itests;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.testing.CaServers;

/**
 * The input IOC of {@link IocRestartIT}, run in a process of its own (killed and started again on
 * the same port): two counting records, {@code PREFIX:A} and {@code PREFIX:B}, processed at 10 Hz
 * on a fixed grid, B stamped 30 ms after A. Like an IOC restoring its records at boot, each
 * starts with a value stamped long before (A 5 s, B 7 s), served for {@value #HOLD_MILLIS} ms before
 * the first processing, so a client that connects meanwhile gets that old value first.
 *
 * <p>Usage: {@code RestartIoc PORT PREFIX}. Prints {@code serving} once the server runs and
 * {@code processing <epoch ms>} at the first processing.
 */
public final class RestartIoc {

    static final long HOLD_MILLIS = 1_500;
    static final long PERIOD_NANOS = 100_000_000L;
    static final long B_AFTER_A_NANOS = 30_000_000L;

    private RestartIoc() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String prefix = args[1];
        CaServers.Running server = CaServers.loopback(port);   // the cas component, as in a server, beacons to loopback
        PublishedPv a = server.publisher().publish(PvSpec.ofDouble(prefix + ":A", "", 0, "counts at 10 Hz"));
        PublishedPv b = server.publisher().publish(PvSpec.ofDouble(prefix + ":B", "", 0, "counts at 10 Hz, 30 ms after A"));
        long now = System.currentTimeMillis() * 1_000_000L;
        a.post(new PvValue.DoubleValue(-1), now - 5_000_000_000L, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        b.post(new PvValue.DoubleValue(-1), now - 7_000_000_000L, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        System.out.println("serving");
        Thread.sleep(HOLD_MILLIS);
        long start = System.currentTimeMillis() * 1_000_000L;
        System.out.println("processing " + start / 1_000_000L);
        ScheduledExecutorService scan = Executors.newSingleThreadScheduledExecutor();
        long[] count = {0};
        scan.scheduleAtFixedRate(() -> {
            long k = count[0]++;
            long t = start + k * PERIOD_NANOS;   // stamped by the scan grid, as a periodic record's TSE would
            a.post(new PvValue.DoubleValue(k), t, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            b.post(new PvValue.DoubleValue(k), t + B_AFTER_A_NANOS, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }, 0, PERIOD_NANOS, TimeUnit.NANOSECONDS);
        Thread.currentThread().join();   // until killed
    }
}
