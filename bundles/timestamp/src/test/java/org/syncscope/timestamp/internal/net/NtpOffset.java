package org.syncscope.timestamp.internal.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.syncscope.timestamp.internal.NanoClock;

/**
 * Our SNTP client's offset and delay readings of an NTP server, once a second: p50/p99/max of
 * |offset| and the median delay. Against chronyd serving this host's clock the true offset is 0,
 * so the readings are the client's own error.
 *
 * <p>Usage: {@code NtpOffset HOST PORT [samples]}; {@code bench/ntp-offset.sh} runs it from
 * {@code bench/target/benchmarks.jar} (this bundle's test-jar is in it). It lives beside
 * {@link SntpClient} because it measures that client alone, without the engine's discipline.
 */
public final class NtpOffset {

    private NtpOffset() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        SntpClient client = new SntpClient(NanoClock.SYSTEM, Duration.ofSeconds(1));
        long[] offsets = new long[samples];
        long[] delays = new long[samples];
        for (int i = 0; i < samples; i++) {
            SntpClient.Sample s = client.query(server);
            offsets[i] = Math.abs(s.offsetNanos());
            delays[i] = s.delayNanos();
            Thread.sleep(1000);
        }
        Arrays.sort(offsets);
        Arrays.sort(delays);
        System.out.printf("SNTP client vs %s, %d samples: |offset| p50 %.3f ms, p99 %.3f ms, max %.3f ms; delay p50 %.3f ms%n",
                server, samples, offsets[samples / 2] / 1e6, offsets[(int) (0.99 * (samples - 1))] / 1e6,
                offsets[samples - 1] / 1e6, delays[samples / 2] / 1e6);
    }
}
