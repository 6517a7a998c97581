package org.syncscope.cas.internal;

import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.JCALibrary;
import gov.aps.jca.Monitor;
import gov.aps.jca.configuration.DefaultConfiguration;
import gov.aps.jca.dbr.DBRType;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.testing.CaServers;

/**
 * What one post costs the posting thread (README "cost of a post"): unmonitored (a store) as a bare
 * double and as a value object, and monitored by one CAJ client over loopback (an event built and
 * queued; CAJ sends it on its own thread). A loop, not JMH: the three cases need a running server.
 * Run: {@code java -cp ... org.syncscope.cas.internal.PostCost [port]} (bundles/cas/README.md).
 */
public final class PostCost {

    private static final long T = 1_760_000_000_000_000_000L;
    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private PostCost() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25442;
        try (CaServers.Running server = CaServers.loopback(port)) {
            PublishedPv quiet = server.publisher().publish(PvSpec.ofDouble("COST:QUIET", "", 3, ""));
            PublishedPv watched = server.publisher().publish(PvSpec.ofDouble("COST:WATCHED", "", 3, ""));
            System.out.printf("unmonitored, post(double):  %6.1f ns/post, %5.1f B/post%n", median(() -> bare(quiet)),
                    bytesPerPost(() -> bare(quiet)));
            System.out.printf("unmonitored, post(PvValue): %6.1f ns/post, %5.1f B/post%n", median(() -> boxed(quiet)),
                    bytesPerPost(() -> boxed(quiet)));
            Context client = client(port);
            try {
                AtomicLong events = new AtomicLong();
                Channel ch = client.createChannel("COST:WATCHED");
                client.pendIO(10);
                ch.addMonitor(DBRType.TIME_DOUBLE, 1, Monitor.VALUE, ev -> events.incrementAndGet());
                client.pendIO(10);
                while (watched.subscriberCount() == 0) {
                    Thread.sleep(10);   // a benchmark, not a test: wait until the monitor is registered
                }
                System.out.printf("monitored by 1 CAJ client, post(double): %6.1f ns/post, %5.1f B/post (%d events received)%n",
                        median(() -> bare(watched)), bytesPerPost(() -> bare(watched)), events.get());
            } finally {
                client.destroy();
            }
        }
    }

    private static Context client(int port) throws Exception {
        DefaultConfiguration c = new DefaultConfiguration("post-cost");
        c.setAttribute("class", JCALibrary.CHANNEL_ACCESS_JAVA);
        c.setAttribute("addr_list", "127.0.0.1:" + port);
        c.setAttribute("auto_addr_list", "false");
        return JCALibrary.getInstance().createContext(c);
    }

    private interface Round {
        double nsPerPost();
    }

    /** Median of {@link #ROUNDS} rounds after two rounds of warm-up. */
    private static double median(Round round) {
        round.nsPerPost();
        round.nsPerPost();
        double[] r = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            r[i] = round.nsPerPost();
        }
        Arrays.sort(r);
        return r[ROUNDS / 2];
    }

    private static long n;
    private static long postsInRound;

    /** Bytes this thread allocated per post over one round. */
    private static double bytesPerPost(Round round) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        round.nsPerPost();
        return (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / (double) postsInRound;
    }

    private static double bare(PublishedPv pv) {
        long start = System.nanoTime();
        long posts = 0;
        long now;
        do {
            for (int i = 0; i < 1000; i++) {
                pv.post((double) n, T + n, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                n++;
            }
            posts += 1000;
            now = System.nanoTime();
        } while (now - start < ROUND_NANOS);
        postsInRound = posts;
        return (now - start) / (double) posts;
    }

    private static double boxed(PublishedPv pv) {
        long start = System.nanoTime();
        long posts = 0;
        long now;
        do {
            for (int i = 0; i < 1000; i++) {
                pv.post(new PvValue.DoubleValue(n), T + n, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                n++;
            }
            posts += 1000;
            now = System.nanoTime();
        } while (now - start < ROUND_NANOS);
        postsInRound = posts;
        return (now - start) / (double) posts;
    }
}
