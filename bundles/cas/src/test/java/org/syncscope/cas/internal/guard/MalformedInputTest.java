package org.syncscope.cas.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.syncscope.cas.internal.guard.MalformedInput.Channel;

class MalformedInputTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MalformedInput input = new MalformedInput(now::get);

    private static InetAddress host(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void countsEveryRefusalPerChannel() throws Exception {
        for (int i = 0; i < 1000; i++) {
            input.refused(Channel.UDP, host(1), "x");
        }
        input.refused(Channel.TCP, host(1), "y");
        assertThat(input.total(Channel.UDP)).isEqualTo(1000);
        assertThat(input.total(Channel.TCP)).isEqualTo(1);
    }

    @Test
    void logsOncePerSourceAndMinute() throws Exception {
        for (int i = 0; i < 500; i++) {
            input.refused(Channel.UDP, host(1), "x");
            now.addAndGet(100_000_000L);   // 50 s in all
        }
        assertThat(input.linesLogged()).isEqualTo(1);
        now.addAndGet(10_000_000_000L);    // past the minute since the first line
        input.refused(Channel.UDP, host(1), "x");
        assertThat(input.linesLogged()).isEqualTo(2);
        input.refused(Channel.UDP, host(1), "x");
        assertThat(input.linesLogged()).isEqualTo(2);
    }

    @Test
    void sourcesAndChannelsAreLimitedSeparately() throws Exception {
        input.refused(Channel.UDP, host(1), "x");
        input.refused(Channel.UDP, host(2), "x");
        input.refused(Channel.TCP, host(1), "x");
        input.refused(Channel.UDP, host(1), "x");
        input.refused(Channel.UDP, null, "x");
        assertThat(input.linesLogged()).isEqualTo(4);
    }

    @Test
    void aFloodOfSourcesSharesOneEntryBeyondTheLimit() throws Exception {
        for (int i = 0; i < MalformedInput.MAX_SOURCES + 1000; i++) {
            input.refused(Channel.UDP, InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}),
                    "x");
        }
        assertThat(input.linesLogged()).isEqualTo(MalformedInput.MAX_SOURCES + 1);
        assertThat(input.total(Channel.UDP)).isEqualTo(MalformedInput.MAX_SOURCES + 1000);
    }
}
