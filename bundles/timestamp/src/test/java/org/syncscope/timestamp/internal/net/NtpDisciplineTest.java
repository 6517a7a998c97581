package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.time.TimeSource;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/**
 * A slave without a master disciplined by a real NTP server (chronyd on loopback): it locks, goes
 * into free-run with an alarm when chronyd stops, and relocks without a backward step.
 */
class NtpDisciplineTest {

    private static final long MS = 1_000_000L;

    @Test
    void locksFreeRunsWhenNtpIsLostAndRelocksWithoutGoingBack() throws Exception {
        try (Chrony chrony = new Chrony(12325)) {
            chrony.start();
            InetSocketAddress server = chrony.address();
            // a host clock 300 ms fast, so there is something to correct
            NanoClock fastHost = NanoClock.systemShiftedBy(300 * MS);
            TimestampSettings settings = new TimestampSettings(false, 1, 28323, 28322, 250, true,
                    "127.0.0.1:12325", 1, 2.0, "", AddressList.EMPTY, null);
            TimestampEngine slave = new TimestampEngine(settings, null, "", fastHost, Runnable::run);
            NanoClock slaveTime = NanoClock.withWall(slave::currentTime);
            NtpSync ntp = new NtpSync(slave, List.of(server), new SntpClient(slaveTime, Duration.ofSeconds(1)));

            long last = slave.currentTime();
            for (int round = 0; round < 5; round++) {
                assertThat(ntp.syncOnce()).isTrue();
                last = watch(slave, last, 1000);
            }
            assertThat(slave.status().source()).isEqualTo(TimeSource.NTP);
            assertThat(slave.alarm()).isFalse();
            long offset = chrony.shortestOfNine(new SntpClient(slaveTime, Duration.ofSeconds(1))).offsetNanos();
            // 300 ms off corrected; what is left is the last sync's sample error, up to half its round
            // trip on a busy machine (the engine takes each sample as is)
            assertThat(Math.abs(offset)).as("offset to chronyd after 5 syncs: %d ns", offset).isLessThan(10 * MS);

            chrony.stop();
            for (int s = 0; s < 4; s++) {
                assertThat(ntp.syncOnce()).isFalse();
                last = watch(slave, last, 1000);
                slave.tick();
            }
            assertThat(slave.alarm()).as("NTP lost: alarm").isTrue();
            assertThat(slave.status().source()).isEqualTo(TimeSource.FREE_RUNNING);
            assertThat(slave.replyMask() & TsPacket.MASK_OUT_OF_SYNC).isNotZero();

            chrony.start();
            assertThat(ntp.syncOnce()).isTrue();
            last = watch(slave, last, 1500);
            assertThat(slave.alarm()).isFalse();
            assertThat(slave.status().source()).isEqualTo(TimeSource.NTP);
            assertThat(slave.status().backwardsPrevented()).as("never stepped back").isZero();
        }
    }

    private static long watch(TimestampEngine engine, long last, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * MS;
        while (System.nanoTime() < end) {
            long now = engine.currentTime();
            assertThat(now).isGreaterThanOrEqualTo(last);
            last = now;
            Thread.sleep(1);
        }
        return last;
    }
}
