package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.time.TimeSource;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/**
 * A slave without masterAddresses finds its master by broadcasting a time request. The test
 * broadcasts inside the loopback network (127.255.255.255), so nothing leaves this machine.
 */
class DiscoveryTest {

    @Test
    void aSlaveFindsItsMasterByBroadcast() throws Exception {
        TimestampEngine master = new TimestampEngine(new TimestampSettings(true, 1, 28323, 28322, 250, true, "", 0,
                2.0, "", null, null), null, "", NanoClock.SYSTEM, Runnable::run);
        try (StampServer server = new StampServer(new InetSocketAddress(0), new EngineTimeSource(master))) {
            TimestampEngine slave = new TimestampEngine(new TimestampSettings(false, 1, 28323, 28322, 250, true,
                    "", 0, 2.0, "", null, null), null, "", NanoClock.SYSTEM, Runnable::run);
            SlaveSync sync = new SlaveSync(slave, List.of(),
                    new MasterClient(slave::currentTime, System::nanoTime, Duration.ofSeconds(1)), 1_000_000_000L,
                    new InetSocketAddress("127.255.255.255", server.port()));
            assertThat(sync.syncOnce()).isTrue();
            assertThat(sync.discoveredMaster().getPort()).isEqualTo(server.port());
            assertThat(slave.status().source()).isEqualTo(TimeSource.MASTER);
            assertThat(sync.syncOnce()).as("the found master is asked directly from then on").isTrue();
        }
    }
}
