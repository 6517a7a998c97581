package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.ClockMode;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/**
 * The component as SCR drives it: activate, modified (one that rebuilt the clock before, one with a
 * bad value), bind/unbind, deactivate, on the real clock and its own UDP ports (25240–25259).
 */
class TimestampComponentTest {

    private static final String FILE = "org.syncscope.timestamp.cfg";
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final long S = 1_000_000_000L;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final List<TimestampComponent> started = new CopyOnWriteArrayList<>();

    // --- the component's API as the tests use it ---

    private TimestampComponent activate(Map<String, Object> properties) {
        TimestampComponent c = new TimestampComponent(Configs.of(TimestampConfig.class, properties), properties);
        started.add(c);
        c.bindPublisher(publisher);
        return c;
    }

    private static void modify(TimestampComponent c, Map<String, Object> properties) {
        c.modified(Configs.of(TimestampConfig.class, properties), properties);
    }

    private static String report(TimestampComponent c) {
        return c.report();
    }

    private static List<String> problems(TimestampComponent c) {
        return c.problems();
    }

    /** Whether something listens on UDP 127.0.0.1:{@code port} (it cannot be bound). */
    private static boolean listening(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return false;
        } catch (java.net.SocketException taken) {
            return true;
        }
    }

    @AfterEach
    void deactivateAll() {
        started.forEach(TimestampComponent::deactivate);
    }

    private static Map<String, Object> master(int masterPort, Object... more) {
        Map<String, Object> p = Configs.fromFile(FILE, "master", "true", "syncRateSeconds", "1",
                "masterPort", Integer.toString(masterPort), "slavePort", Integer.toString(masterPort + 1),
                "masterBindAddress", "127.0.0.1", "slaveAddresses", "127.0.0.1:" + (masterPort + 1));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void aSettingsChangeKeepsListenersTheDriversSingleInitAndThePvs() throws Exception {
        FakeEventSystem es = new FakeEventSystem();
        TimestampComponent c = activate(master(25240));
        c.bindEventSystem(es, Map.of("driver", "fake", "name", "a"));
        await().atMost(DEADLINE).until(() -> c.status().mode() == ClockMode.SYNCHRONOUS && es.inits == 1);
        List<Long> heard = new CopyOnWriteArrayList<>();
        c.addEventListener(0x10, (n, t) -> heard.add(t));   // through TimestampService, as TIMEAV does
        await().atMost(DEADLINE).until(() -> publisher.last.containsKey("TS:Mode"));
        int publishedBefore = publisher.publishCalls.get();
        es.sync();
        es.event(0x10, 5);
        await().atMost(DEADLINE).until(() -> heard.size() == 1);
        long before = c.currentTime();

        modify(c, master(25240, "syncRateSeconds", "2", "timeoutMs", "300"));
        await().atMost(DEADLINE).until(() -> c.engine().settings().syncRateSeconds() == 2);

        es.event(0x10, 9);
        await().atMost(DEADLINE).until(() -> heard.size() == 2);
        assertThat(heard.get(1)).as("the listener hears events after the change").isGreaterThan(heard.get(0));
        assertThat(es.inits).as("init once per bound driver").isEqualTo(1);
        assertThat(es.events).as("one event handler, not one per rebuild").hasSize(1);
        assertThat(c.eventTime(0x10)).as("the event table survived").isEqualTo(heard.get(1));
        assertThat(c.currentTime()).as("time did not go back").isGreaterThanOrEqualTo(before);
        assertThat(publisher.closeCalls.get()).as("status PVs not withdrawn").isZero();
        assertThat(publisher.publishCalls.get()).as("nor published again").isEqualTo(publishedBefore);
    }

    @Test
    void aSettingsChangeKeepsTheTimeOfAClockFollowingNtpAhead() {
        Map<String, Object> slave = Configs.fromFile(FILE, "master", "false", "syncRateSeconds", "1",
                "masterPort", "25242", "slavePort", "25243", "masterAddresses", "127.0.0.1:25242",
                "ntpServers", "127.0.0.1:25244", "slaveBindAddress", "127.0.0.1");
        TimestampComponent c = activate(slave);
        // the NTP server is 20 s ahead of this host: beyond stepThresholdSeconds (10), so stepped to
        c.engine().adjustToNtp(20 * S, 1_000_000L, "127.0.0.1:25244");
        long host = System.currentTimeMillis() * 1_000_000L;
        long before = c.currentTime();
        assertThat(before - host).isGreaterThan(S);

        slave.put("timeoutMs", "300");
        modify(c, slave);
        await().atMost(DEADLINE).until(() -> c.engine().settings().timeoutMs() == 300);
        long after = c.currentTime();
        assertThat(after).as("time did not go back to the host clock").isGreaterThanOrEqualTo(before);
        assertThat(after - System.currentTimeMillis() * 1_000_000L).as("still ahead with NTP").isGreaterThan(S);
    }

    @Test
    void aSettingsChangeKeepsTheTimeOfASoftSlaveAheadOfItsHostThroughAMaster() {
        Map<String, Object> slave = Configs.fromFile(FILE, "master", "false", "syncRateSeconds", "1",
                "masterPort", "25257", "slavePort", "25258", "masterAddresses", "127.0.0.1:25257",
                "slaveBindAddress", "127.0.0.1");
        TimestampComponent c = activate(slave);
        c.engine().adjustToMaster(3 * S, 1_000_000L, "127.0.0.1:25257");   // the master is 3 s ahead of this host
        long before = c.currentTime();
        slave.put("syncRateSeconds", "2");
        modify(c, slave);
        await().atMost(DEADLINE).until(() -> c.engine().settings().syncRateSeconds() == 2);
        assertThat(c.currentTime()).as("time did not go back to the host clock").isGreaterThanOrEqualTo(before);
    }

    @Test
    void aBadValueIsRefusedNamingFileAndKeyAndThePreviousSettingsStay() {
        Map<String, Object> good = master(25249);
        TimestampComponent c = activate(good);
        await().atMost(DEADLINE).until(() -> listening(25249));

        Map<String, Object> bad = master(25249, "syncRateSeconds", "abc");
        assertThatCode(() -> modify(c, bad)).doesNotThrowAnyException();
        assertThat(report(c)).contains("change refused, previous settings stay: "
                + "etc/org.syncscope.timestamp.cfg: syncRateSeconds = 'abc' is not a whole number");
        assertThat(c.engine().settings().syncRateSeconds()).isEqualTo(1);
        assertThat(listening(25249)).as("the network keeps running").isTrue();

        modify(c, good);
        assertThat(problems(c)).as("fixed: the refusal is gone").isEmpty();
    }

    @Test
    void aBadFirstConfigurationLeavesTheComponentActiveRefusedAndAlarmed() {
        TimestampComponent c = assertTimeoutPreemptively(DEADLINE,
                () -> activate(master(25251, "syncRateSeconds", "abc")));
        assertThat(report(c)).contains("configuration refused: etc/org.syncscope.timestamp.cfg: "
                + "syncRateSeconds = 'abc' is not a whole number");
        assertThat(c.currentTime()).as("consumers still get time").isPositive();
        await().atMost(DEADLINE).until(() -> alarmPosted(AlarmSeverity.MAJOR));
        assertThat(listening(25251)).as("no network on a refused configuration").isFalse();

        modify(c, master(25251));
        await().atMost(DEADLINE).until(() -> listening(25251) && problems(c).isEmpty());
        await().atMost(DEADLINE).until(() -> alarmPosted(AlarmSeverity.NO_ALARM));
    }

    @Test
    void liveEditsOfRetryAndBroadcastAddressesApply() {
        Map<String, Object> slave = Configs.fromFile(FILE, "master", "false", "syncRateSeconds", "1",
                "masterPort", "25253", "slavePort", "25254", "masterAddresses", "127.0.0.1:25253",
                "slaveBindAddress", "127.0.0.1");
        TimestampComponent c = activate(slave);
        slave.put("masterRetrySeconds", "7");
        slave.put("masterBroadcastAddress", "127.255.255.255");
        slave.put("slaveBroadcastAddress", "127.0.0.255");
        modify(c, slave);
        await().atMost(DEADLINE).until(() -> report(c).contains("master retry 7 s"));
        assertThat(report(c)).contains("master broadcast 127.255.255.255");
        assertThat(c.engine().settings().slaveBroadcastAddress()).isEqualTo("127.0.0.255");
    }

    @Test
    void aBusyUdpPortIsNamedAlarmedAndTriedAgainUntilFree() throws Exception {
        try (DatagramSocket blocker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 25245))) {
            TimestampComponent c = activate(master(25245));
            await().atMost(DEADLINE).until(() -> problems(c).stream()
                    .anyMatch(p -> p.contains("UDP port 25245 on 127.0.0.1 (masterPort)")));
            assertThat(report(c)).contains("PROBLEM: stamp server: UDP port 25245 on 127.0.0.1 (masterPort) unavailable");
            await().atMost(DEADLINE).until(() -> alarmPosted(AlarmSeverity.MAJOR));
            blocker.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> listening(25245));
            assertThat(problems(c)).isEmpty();
            await().atMost(DEADLINE).until(() -> alarmPosted(AlarmSeverity.NO_ALARM));
        }
    }

    @Test
    void theStampServerListensOnTheConfiguredAddressAndDeactivateFreesIt() throws Exception {
        TimestampComponent c = activate(master(25247));
        await().atMost(DEADLINE).until(() -> listening(25247));
        // on 127.0.0.1 only: the same port on another loopback address is free
        assertThatCode(() -> new DatagramSocket(new InetSocketAddress("127.0.0.2", 25247)).close())
                .doesNotThrowAnyException();
        assertThat(report(c)).contains("stamp server 127.0.0.1:25247 (masterBindAddress) listening");
        c.deactivate();
        started.remove(c);
        await().atMost(DEADLINE).until(() -> !listening(25247));
    }

    @Test
    void scrsMethodsDoNotWaitForTheDriver() throws Exception {
        CountDownLatch inInit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeEventSystem slow = new FakeEventSystem() {
            @Override
            public void init() {
                inInit.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.init();
            }
        };
        try {
            assertTimeoutPreemptively(DEADLINE, () -> {
                TimestampComponent c = activate(master(25255));
                c.bindEventSystem(slow, Map.of("driver", "fake"));
                assertThat(inInit.await(10, TimeUnit.SECONDS)).as("init runs, on the component's thread").isTrue();
                modify(c, master(25255, "syncRateSeconds", "3"));
                int reads = slow.tickReads;
                c.unbindEventSystem(slow);
                assertThat(slow.tickReads).as("unbind does not call the driver").isEqualTo(reads);
                assertThat(c.currentTime()).isPositive();
                assertThat(c.status()).isNotNull();
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void theEventSystemPvAndTheConsoleShowAReceiverReadThroughItsIoc() throws Exception {
        FakeEventSystem evr = new FakeEventSystem();
        evr.tickCounter = false;
        evr.clockRateHz = 1_000_000_000;
        evr.description = "mrf EVR1 (IOC TST{EVR:1}): link OK";
        TimestampComponent c = activate(master(27500));
        await().atMost(DEADLINE).until(() -> eventSystemPv().equals("none"));
        c.bindEventSystem(evr, Map.of("driver", "mrf", "name", "evr1"));
        await().atMost(DEADLINE).until(() -> eventSystemPv().equals("mrf EVR1 (IOC TST{EVR:1}): link OK"));
        evr.directTime = 1_764_000_000_000_000_000L;
        evr.sync();
        evr.event(0x28, 5, 99);
        org.syncscope.timestamp.TimestampConsole console = c;
        assertThat(console.userTag(0x28)).isEqualTo(99);
        assertThat(c.eventTime(0x28)).isEqualTo(1_764_000_000_000_000_005L);
        assertThat(console.report()).contains("  receiver mrf EVR1 (IOC TST{EVR:1}): link OK")
                .contains("tick counter: none").contains("user tag 99");
    }

    private String eventSystemPv() {
        RecordingPublisher.Post p = publisher.last.get("TS:EventSystem");
        return p == null ? "" : ((PvValue.StringValue) p.value()).value();
    }

    private boolean alarmPosted(AlarmSeverity severity) {
        RecordingPublisher.Post p = publisher.last.get("TS:Alarm");
        return p != null && p.severity() == severity
                && ((PvValue.EnumValue) p.value()).label().equals(severity == AlarmSeverity.NO_ALARM ? "OK" : "FAILURE");
    }

    @Test
    void theReportSaysWhichTimestampsTheSocketsTakeAndTheFallbackFollowsAMasterToo() {
        TimestampComponent kernel = activate(master(29000, "statusPrefix", "K:"));
        await().atMost(DEADLINE).until(() -> report(kernel).contains("timestamps, stamp server: "));
        assertThat(report(kernel)).contains("timestamps, stamp server: kernel software timestamps (SO_TIMESTAMPING, "
                + "receive and transmit)");

        TimestampComponent user = activate(master(29002, "kernelTimestamps", "false", "statusPrefix", "U:"));
        await().atMost(DEADLINE).until(() -> report(user).contains("timestamps, stamp server: "));
        assertThat(report(user)).contains("timestamps, stamp server: user-space timestamps (Java DatagramChannel): "
                + "taken by the JVM around send and receive (kernelTimestamps = false)");

        Map<String, Object> slaveConfig = Configs.fromFile(FILE, "master", "false", "syncRateSeconds", "1",
                "masterPort", "29002", "slavePort", "29004", "masterAddresses", "127.0.0.1:29002",
                "slaveBindAddress", "127.0.0.1", "kernelTimestamps", "false", "samplesPerSync", "2",
                "statusPrefix", "S:");
        TimestampComponent slave = activate(slaveConfig);
        await().atMost(DEADLINE).until(() -> slave.status().source() == org.syncscope.api.time.TimeSource.MASTER);
        assertThat(report(slave)).contains("timestamps, master client: user-space timestamps")
                .contains("clock loop master 127.0.0.1:29002: ").contains("2 samples per sync");
        await().atMost(DEADLINE).until(() -> publisher.lastPost("S:Loop") != null
                && publisher.lastPost("S:Frequency") != null);
        assertThat(publisher.lastPost("S:Loop").value()).isIn(new PvValue.EnumValue(1, "LOCKED"),
                new PvValue.EnumValue(2, "SLEWING"));
    }

    @Test
    void aClockLimitOfTheWrongKindIsRefusedNamingTheKey() {
        TimestampComponent c = activate(master(29006, "maxSlewPpm", "fast"));
        assertThat(report(c)).contains("maxSlewPpm");
        Map<String, Object> tooFast = master(29006, "maxSlewPpm", "600000");
        modify(c, tooFast);
        assertThat(report(c)).contains("maxSlewPpm: 600000 (1..500000)");
    }
}
