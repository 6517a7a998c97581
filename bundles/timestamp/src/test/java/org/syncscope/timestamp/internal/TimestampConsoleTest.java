package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.timestamp.MasterReading;
import org.syncscope.timestamp.TimestampConsole;
import org.syncscope.testing.Configs;

/** The component as the ts:* commands see it, through TimestampConsole only (UDP ports 25420–25427). */
class TimestampConsoleTest {

    private static final String FILE = "org.syncscope.timestamp.cfg";
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final List<TimestampComponent> started = new CopyOnWriteArrayList<>();

    private TimestampConsole activate(Object... values) {
        Map<String, Object> p = Configs.fromFile(FILE, values);
        TimestampComponent c = new TimestampComponent(Configs.of(TimestampConfig.class, p), p);
        started.add(c);
        return c;
    }

    @AfterEach
    void deactivateAll() {
        started.forEach(TimestampComponent::deactivate);
    }

    @Test
    void aSlaveAsksItsMasterAndReadsWhatItAnswered() throws Exception {
        TimestampConsole master = activate("master", "true", "masterPort", "25420", "slavePort", "25421",
                "masterBindAddress", "127.0.0.1", "slaveAddresses", "127.0.0.1:25421", "statusPrefix", "");
        TimestampConsole slave = activate("master", "false", "masterPort", "25422", "slavePort", "25423",
                "masterAddresses", "127.0.0.1:25420", "slaveBindAddress", "127.0.0.1", "statusPrefix", "");
        long before = System.currentTimeMillis() * 1_000_000L;
        MasterReading r = await().atMost(DEADLINE).ignoreExceptionsInstanceOf(IOException.class)
                .until(slave::askMaster, reading -> reading != null);
        assertThat(r.masterTimeNanos()).isBetween(before - 60_000_000_000L, before + 60_000_000_000L);
        assertThat(r.roundTripNanos()).isPositive();
        assertThat(r.outOfSync()).as("a master running on its soft clock is in sync").isFalse();

        assertThatThrownBy(master::askMaster).isInstanceOf(IllegalStateException.class)
                .hasMessage("this server is not a slave (master = false in etc/org.syncscope.timestamp.cfg)");
    }

    @Test
    void anOldFileStillCarryingClockRateHzIsAcceptedAndTheKeyIgnored() {
        TimestampConsole c = activate("clockRateHz", "5000", "master", "false", "masterPort", "25426",
                "slavePort", "25427", "masterAddresses", "127.0.0.1:25426", "slaveBindAddress", "127.0.0.1",
                "statusPrefix", "");
        assertThat(c.report()).doesNotContain("PROBLEM").contains("clock rate 1000 Hz");
        assertThat(TimestampComponent.removedKeys(Configs.fromFile(FILE, "clockRateHz", "5000")))
                .containsExactly("etc/" + FILE + ": clockRateHz is no longer read and is ignored: the event-system "
                        + "driver reports its tick rate (set it in the driver's own configuration); remove the line");
        assertThat(TimestampComponent.removedKeys(Configs.fromFile(FILE, "syncRateSeconds", "1"))).isEmpty();
    }

    @Test
    void noNtpServerNoEventSystemAndBadDebugLevelsAreSaidClearly() {
        TimestampConsole c = activate("master", "false", "masterPort", "25424", "slavePort", "25425",
                "masterAddresses", "127.0.0.1:25424", "slaveBindAddress", "127.0.0.1", "statusPrefix", "");
        assertThatThrownBy(c::askNtp).isInstanceOf(IllegalStateException.class)
                .hasMessage("no ntpServers configured in etc/org.syncscope.timestamp.cfg");
        assertThatThrownBy(c::forceSync).isInstanceOf(EventSystemException.class).hasMessageContaining("nothing to force");
        assertThatThrownBy(() -> c.setDebug(-1)).isInstanceOf(IllegalArgumentException.class);

        c.setDebug(2);
        assertThat(c.report()).contains("debug 2");
    }
}
