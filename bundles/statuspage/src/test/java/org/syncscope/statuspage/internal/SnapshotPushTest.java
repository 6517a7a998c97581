package org.syncscope.statuspage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.testing.Configs;

class SnapshotPushTest {

    private final AtomicInteger snapshotsTaken = new AtomicInteger();
    private SnapshotPush push;

    private SnapshotPush push(PushSettings settings) {
        push = new SnapshotPush(() -> {
            snapshotsTaken.incrementAndGet();
            return OverviewJsonTest.demo();
        }, settings);
        return push;
    }

    @AfterEach
    void close() {
        if (push != null) {
            push.close();
        }
    }

    @Test
    void eachOpenStreamGetsTheSnapshotAsOneSseEventAtTheRate() throws Exception {
        push(new PushSettings(10, 4));
        RecordingClient a = new RecordingClient();
        RecordingClient b = new RecordingClient();
        push.admit(() -> a);
        push.admit(() -> b);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.events.size() >= 3 && b.events.size() >= 3);
        assertThat(a.events.get(0)).isEqualTo("data: " + OverviewJson.of(OverviewJsonTest.demo()) + "\n\n");
        // one snapshot per tick for both streams
        assertThat(snapshotsTaken.get()).isLessThanOrEqualTo(Math.max(a.events.size(), b.events.size()) + 1);
    }

    @Test
    void noSnapshotIsTakenWhileNoStreamIsOpen() throws Exception {
        push(new PushSettings(10, 4));
        push.tick();
        assertThat(snapshotsTaken.get()).isZero();
        assertThat(push.ticking()).isFalse();

        RecordingClient a = new RecordingClient();
        push.admit(() -> a);
        assertThat(push.ticking()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.events.size() >= 1);
        push.remove(a);
        assertThat(push.ticking()).isFalse();
        int taken = snapshotsTaken.get();
        push.tick();
        assertThat(snapshotsTaken.get()).isEqualTo(taken);
    }

    @Test
    void aStreamThatCannotKeepUpIsDroppedAndTheOthersGoOn() throws Exception {
        push(new PushSettings(0.1, 4)); // ticks driven by the test
        RecordingClient slow = new RecordingClient();
        RecordingClient fine = new RecordingClient();
        push.admit(() -> slow);
        push.admit(() -> fine);
        slow.ready = false;
        for (int i = 1; i < SnapshotPush.MAX_MISSED; i++) {
            push.tick();
        }
        assertThat(slow.closed).isFalse();
        assertThat(push.clients()).isEqualTo(2);
        push.tick();
        assertThat(slow.closed).isTrue();
        assertThat(slow.events).isEmpty();
        assertThat(push.clients()).isEqualTo(1);
        assertThat(fine.events).hasSize(SnapshotPush.MAX_MISSED);
    }

    @Test
    void aStreamThatCatchesUpIsKept() throws Exception {
        push(new PushSettings(0.1, 4));
        RecordingClient c = new RecordingClient();
        push.admit(() -> c);
        for (int round = 0; round < 3; round++) {
            c.ready = false;
            for (int i = 1; i < SnapshotPush.MAX_MISSED; i++) {
                push.tick();
            }
            c.ready = true;
            push.tick();
        }
        assertThat(c.closed).isFalse();
        assertThat(c.events).hasSize(3);
    }

    @Test
    void aStreamWhoseWriteFailsIsDropped() throws Exception {
        push(new PushSettings(0.1, 4));
        RecordingClient c = new RecordingClient();
        push.admit(() -> c);
        c.broken = true;
        push.tick();
        assertThat(c.closed).isTrue();
        assertThat(push.clients()).isZero();
        assertThat(push.ticking()).isFalse();
    }

    @Test
    void noMoreThanMaxClientsAreAdmittedAndALeavingOneFreesItsPlace() throws Exception {
        push(new PushSettings(1, 2));
        RecordingClient a = new RecordingClient();
        assertThat(push.admit(() -> a)).isSameAs(a);
        assertThat(push.admit(RecordingClient::new)).isNotNull();
        AtomicInteger opened = new AtomicInteger();
        assertThat(push.admit(() -> {
            opened.incrementAndGet();
            return new RecordingClient();
        })).isNull();
        assertThat(opened.get()).as("a refused stream is not opened").isZero();
        push.remove(a);
        assertThat(push.admit(RecordingClient::new)).isNotNull();
    }

    @Test
    void closingEndsEveryStreamAndTheThread() throws Exception {
        push(new PushSettings(10, 4));
        RecordingClient c = new RecordingClient();
        push.admit(() -> c);
        await().atMost(Duration.ofSeconds(10)).until(() -> pushThreads() == 1);
        push.close();
        assertThat(c.closed).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> pushThreads() == 0);
        assertThat(push.admit(RecordingClient::new)).isNull();
    }

    @Test
    void badSettingsNameTheKeyAndTheFile() {
        Map<String, Object> fast = Configs.fromFile("org.syncscope.statuspage.cfg", "pushRateHz", "50");
        assertThatThrownBy(() -> PushSettings.of(Configs.of(StatusPageConfig.class, fast), fast))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("etc/org.syncscope.statuspage.cfg: pushRateHz = '50' is outside 0.1..10.0");
        Map<String, Object> words = Configs.fromFile("org.syncscope.statuspage.cfg", "maxClients", "many", "pushRateHz", "2");
        assertThatThrownBy(() -> PushSettings.of(Configs.of(StatusPageConfig.class, words), words))
                .hasMessage("etc/org.syncscope.statuspage.cfg: maxClients = 'many' is not a whole number");
        Map<String, Object> none = Configs.fromFile("org.syncscope.statuspage.cfg", "maxClients", "0");
        assertThatThrownBy(() -> PushSettings.of(Configs.of(StatusPageConfig.class, none), none))
                .hasMessage("etc/org.syncscope.statuspage.cfg: maxClients = '0' is outside 1..1000");
        Map<String, Object> good = Configs.fromFile("org.syncscope.statuspage.cfg", "maxClients", "3", "pushRateHz", "2.5");
        assertThat(PushSettings.of(Configs.of(StatusPageConfig.class, good), good)).isEqualTo(new PushSettings(2.5, 3));
        Map<String, Object> empty = Configs.fromFile("org.syncscope.statuspage.cfg");
        assertThat(PushSettings.of(Configs.of(StatusPageConfig.class, empty), empty)).isEqualTo(PushSettings.DEFAULTS);
    }

    @Test
    void aBadEditKeepsThePreviousSettings() {
        push(new PushSettings(2, 3));
        Map<String, Object> bad = Configs.fromFile("org.syncscope.statuspage.cfg", "pushRateHz", "0", "maxClients", "5");
        push.modified(Configs.of(StatusPageConfig.class, bad), bad);
        assertThat(push.settings()).isEqualTo(new PushSettings(2, 3));
        Map<String, Object> good = Configs.fromFile("org.syncscope.statuspage.cfg", "pushRateHz", "5", "maxClients", "5");
        push.modified(Configs.of(StatusPageConfig.class, good), good);
        assertThat(push.settings()).isEqualTo(new PushSettings(5, 5));
    }

    @Test
    void aFailingSnapshotSkipsOneTickOnly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        push = new SnapshotPush(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            return OverviewJsonTest.demo();
        }, new PushSettings(0.1, 4));
        RecordingClient c = new RecordingClient();
        push.admit(() -> c);
        push.tick();
        push.tick();
        assertThat(c.events).hasSize(1);
        assertThat(c.closed).isFalse();
    }

    private static long pushThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(SnapshotPush.THREAD) && t.isAlive()).count();
    }

}
