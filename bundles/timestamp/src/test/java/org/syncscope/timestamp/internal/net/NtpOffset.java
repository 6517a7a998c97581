package org.syncscope.timestamp.internal.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.syncscope.timestamp.internal.ClockLimits;
import org.syncscope.timestamp.internal.NanoClock;

/**
 * Our SNTP client's offset readings of an NTP server, once a second as the timestamp driver takes
 * them: a burst of {@code samplesPerSync} exchanges of which the {@link ClockFilter} keeps the one
 * with the smallest delay ("filtered", what the clock loop gets), and the first exchange of each
 * burst alone ("single"). Against chronyd serving this host's clock the true offset is 0, so the
 * readings are the client's own error. Every sample counts, the first second's included.
 *
 * <p>Usage: {@code NtpOffset HOST PORT [seconds] [label]}; {@code bench/ntp-offset.sh} runs it from
 * {@code bench/target/benchmarks.jar} (this bundle's test-jar is in it), beside chronyd.
 */
public final class NtpOffset {

    private NtpOffset() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        String label = args.length > 3 ? args[3] + ": " : "";
        int burst = ClockLimits.DEFAULTS.samplesPerSync();
        long[] single = new long[seconds];
        long[] filtered = new long[seconds];
        int n = 0;
        ClockFilter filter = new ClockFilter();
        try (SntpClient client = new SntpClient(NanoClock.SYSTEM, Duration.ofSeconds(1))) {
            int ip = MasterClient.ipv4(server);
            long start = System.nanoTime();
            for (int s = 0; s < seconds; s++) {
                SlaveOffset.sleepUntil(start + s * 1_000_000_000L);
                filter.begin();
                for (int k = 0; k < burst; k++) {
                    if (client.exchange(ip, server.getPort())) {
                        if (k == 0) {
                            single[n] = Math.abs(client.offsetNanos());
                        }
                        filter.offer(client.offsetNanos(), client.delayNanos(), client.sampleMono());
                    }
                }
                filter.end();
                filtered[n++] = Math.abs(filter.offset());
            }
            SlaveOffset.row(label + "Syncscope SNTP client, filtered (smallest delay of " + burst + ")", filtered, n);
            SlaveOffset.row(label + "Syncscope SNTP client, single exchange", single, n);
            System.out.println("| " + label + "timestamps: " + client.stamping() + " | | | | |");
        }
    }
}
