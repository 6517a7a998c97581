package org.syncscope.pva.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;
import org.epics.pva.data.PVABool;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.ServerPV;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.pva.PvaSource;
import org.syncscope.pva.testing.PvaClients;

/** Values, alarms, stamps and user tags from an independent server (Phoebus core-pva) through the component. */
class PvaRoundTripTest {

    private static final int UDP = 25560;
    private static final int TCP = 25561;   // and 25562 for the peer's TLS port
    private static final int LOCAL = 25563;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static PeerServer peer;
    private static PvaClients.Running client;

    @BeforeAll
    static void start() throws Exception {
        peer = new PeerServer(UDP, TCP);
        client = PvaClients.loopback(UDP, LOCAL, "getTimeoutSeconds", "2");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private static PvaSource source() {
        return client.source();
    }

    @Test
    void anNtScalarDoubleArrivesWithValueSeverityStatusNanosecondStampAndUserTag() throws Exception {
        PVAStructure data = PeerServer.nt("epics:nt/NTScalar:1.0", new PVADouble("value", 1.25),
                PeerServer.alarm(0, 0, ""), PeerServer.time(1_764_000_000L, 123_456_789, 7));
        ServerPV pv = peer.serve("RT:DOUBLE", data);
        Recorder r = new Recorder();
        try (Subscription s = source().subscribe("RT:DOUBLE", r)) {
            await().atMost(WAIT).until(() -> r.updates.size() == 1);
            PvUpdate first = r.updates.get(0);
            assertThat(first.value()).isEqualTo(new PvValue.DoubleValue(1.25));
            assertThat(first.sourceTimeNanos()).isEqualTo(1_764_000_000_123_456_789L);
            assertThat(first.userTag()).isEqualTo(7);
            assertThat(first.severity()).isEqualTo(AlarmSeverity.NO_ALARM);
            assertThat(first.status()).isEqualTo(AlarmStatus.NO_ALARM);
            assertThat(r.events.get(0)).isEqualTo("connected");
            assertThat(s.isConnected()).isTrue();

            ((PVADouble) data.get("value")).set(-3.5e-9);
            PeerServer.stamp(data, 2, "HIHI", 1_764_000_001L, 999_999_999, -5);
            ((PVAInt) ((PVAStructure) data.get("alarm")).get("status")).set(1);
            long before = PvaClient.nowNanos();
            pv.update(data);
            await().atMost(WAIT).until(() -> r.updates.size() == 2);
            PvUpdate second = r.last();
            assertThat(second.value()).isEqualTo(new PvValue.DoubleValue(-3.5e-9));
            assertThat(second.severity()).isEqualTo(AlarmSeverity.MAJOR);
            assertThat(second.status()).isEqualTo(AlarmStatus.HIHI);
            assertThat(second.sourceTimeNanos()).isEqualTo(1_764_000_001_999_999_999L);
            assertThat(second.userTag()).isEqualTo(-5);
            assertThat(second.receiveTimeNanos()).isBetween(before, PvaClient.nowNanos());
            assertThat(r.threads).containsOnly("pva-client-events");
        }
    }

    @Test
    void anNtScalarIntIsALongValueAndTheStatusCodeMapsWhenTheMessageNamesNoStatus() throws Exception {
        PVAStructure data = PeerServer.nt("epics:nt/NTScalar:1.0", new PVAInt("value", -42),
                PeerServer.alarm(3, 2, "driver lost the device"), PeerServer.time(1_700_000_000L, 5, 123_456));
        peer.serve("RT:INT", data);
        Recorder r = new Recorder();
        try (Subscription s = source().subscribe("pva://RT:INT", r)) {
            await().atMost(WAIT).until(() -> r.updates.size() == 1);
            PvUpdate u = r.last();
            assertThat(u.pvName()).isEqualTo("pva://RT:INT");
            assertThat(u.value()).isEqualTo(new PvValue.LongValue(-42));
            assertThat(u.severity()).isEqualTo(AlarmSeverity.INVALID);
            assertThat(u.status()).isEqualTo(AlarmStatus.COMM);   // DRIVER
            assertThat(u.sourceTimeNanos()).isEqualTo(1_700_000_000_000_000_005L);
            assertThat(u.userTag()).isEqualTo(123_456);
        }
    }

    @Test
    void stringsAndBooleansAreReadToo() throws Exception {
        peer.serve("RT:STRING", PeerServer.nt("epics:nt/NTScalar:1.0", new PVAString("value", "hello"),
                PeerServer.alarm(1, 0, "LOW"), PeerServer.time(1_700_000_000L, 0, 0)));
        peer.serve("RT:BOOL", PeerServer.nt("epics:nt/NTScalar:1.0", new PVABool("value", true),
                PeerServer.alarm(0, 0, ""), PeerServer.time(1_700_000_000L, 0, 0)));
        PvUpdate s = source().get("RT:STRING", WAIT);
        assertThat(s.value()).isEqualTo(new PvValue.StringValue("hello"));
        assertThat(s.severity()).isEqualTo(AlarmSeverity.MINOR);
        assertThat(s.status()).isEqualTo(AlarmStatus.LOW);
        assertThat(source().get("RT:BOOL", WAIT).value()).isEqualTo(new PvValue.LongValue(1));
    }

    @Test
    void anNtEnumIsAnEnumValueWithItsLabel() throws Exception {
        PVAStructure value = new PVAStructure("value", "enum_t", new PVAInt("index", 2),
                new PVAStringArray("choices", "Off", "Standby", "On"));
        PVAStructure data = PeerServer.nt("epics:nt/NTEnum:1.0", value, PeerServer.alarm(0, 0, ""),
                PeerServer.time(1_764_000_002L, 42, 99));
        ServerPV pv = peer.serve("RT:ENUM", data);
        Recorder r = new Recorder();
        try (Subscription s = source().subscribe("RT:ENUM", r)) {
            await().atMost(WAIT).until(() -> r.updates.size() == 1);
            assertThat(r.last().value()).isEqualTo(new PvValue.EnumValue(2, "On"));
            assertThat(r.last().sourceTimeNanos()).isEqualTo(1_764_000_002_000_000_042L);
            assertThat(r.last().userTag()).isEqualTo(99);
            ((PVAInt) value.get("index")).set(0);
            pv.update(data);
            await().atMost(WAIT).until(() -> r.updates.size() == 2);
            assertThat(r.last().value()).isEqualTo(new PvValue.EnumValue(0, "Off"));
        }
    }

    @Test
    void anNtScalarArrayOfDoublesOrIntsIsADoubleArrayValue() throws Exception {
        PVAStructure data = PeerServer.nt("epics:nt/NTScalarArray:1.0", new PVADoubleArray("value", 1.5, -2.0, 3e300),
                PeerServer.alarm(2, 3, "CALC"), PeerServer.time(1_764_000_003L, 7, 3));
        ServerPV pv = peer.serve("RT:WAVE", data);
        peer.serve("RT:IWAVE", PeerServer.nt("epics:nt/NTScalarArray:1.0", new PVAIntArray("value", false, 4, -5),
                PeerServer.alarm(0, 0, ""), PeerServer.time(1_764_000_003L, 0, 0)));
        Recorder r = new Recorder();
        try (Subscription s = source().subscribe("RT:WAVE", r)) {
            await().atMost(WAIT).until(() -> r.updates.size() == 1);
            PvUpdate u = r.last();
            assertThat(u.value()).isEqualTo(new PvValue.DoubleArrayValue(new double[] {1.5, -2.0, 3e300}));
            assertThat(u.severity()).isEqualTo(AlarmSeverity.MAJOR);
            assertThat(u.status()).isEqualTo(AlarmStatus.CALC);
            assertThat(u.sourceTimeNanos()).isEqualTo(1_764_000_003_000_000_007L);
            assertThat(u.userTag()).isEqualTo(3);
            ((PVADoubleArray) data.get("value")).set(new double[] {9, 8, 7, 6});
            pv.update(data);
            await().atMost(WAIT).until(() -> r.updates.size() == 2);
            assertThat(r.last().value()).isEqualTo(new PvValue.DoubleArrayValue(new double[] {9, 8, 7, 6}));
        }
        assertThat(source().get("RT:IWAVE", WAIT).value()).isEqualTo(new PvValue.DoubleArrayValue(new double[] {4, -5}));
    }

    @Test
    void aHundredUpdatesArriveCompleteAndInOrder() throws Exception {
        PVAStructure data = PeerServer.nt("epics:nt/NTScalar:1.0", new PVADouble("value", 0),
                PeerServer.alarm(0, 0, ""), PeerServer.time(1_764_000_100L, 0, 0));
        ServerPV pv = peer.serve("RT:SEQ", data);
        Recorder r = new Recorder();
        try (Subscription s = source().subscribe("RT:SEQ", r)) {
            await().atMost(WAIT).until(() -> r.updates.size() == 1);
            // one at a time: the peer coalesces an update posted while its previous one is still being sent
            for (int i = 1; i <= 100; i++) {
                post(pv, data, i);
                int n = i + 1;
                await().atMost(WAIT).until(() -> r.updates.size() == n);
            }
            assertThat(r.updates.subList(1, 101)).extracting(PvUpdate::userTag)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
            assertThat(r.updates.subList(1, 101)).extracting(u -> ((PvValue.DoubleValue) u.value()).value())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
        }
    }

    @Test
    void aBurstArrivesInOrderEndingWithTheLastValue() throws Exception {
        PVAStructure data = PeerServer.nt("epics:nt/NTScalar:1.0", new PVADouble("value", 0),
                PeerServer.alarm(0, 0, ""), PeerServer.time(1_764_000_100L, 0, 0));
        ServerPV pv = peer.serve("RT:BURST", data);
        Recorder r = new Recorder();
        try (Subscription s = source().subscribe("RT:BURST", r)) {
            await().atMost(WAIT).until(() -> r.updates.size() == 1);
            for (int i = 1; i <= 1000; i++) {
                post(pv, data, i);
            }
            await().atMost(WAIT).until(() -> r.last().userTag() == 1000);
            // the peer may coalesce a burst; what arrives is in order, each once
            assertThat(r.updates.subList(1, r.updates.size())).extracting(PvUpdate::userTag).isSorted().doesNotHaveDuplicates();
            assertThat(r.updates.subList(1, r.updates.size())).extracting(PvUpdate::sourceTimeNanos).isSorted();
        }
    }

    private static void post(ServerPV pv, PVAStructure data, int i) throws Exception {
        ((PVADouble) data.get("value")).set(i);
        PeerServer.stamp(data, 0, "", 1_764_000_100L, i * 1000, i);
        pv.update(data);
    }

    @Test
    void aStructureOfNoNormativeTypeIsRefusedNamingThePvItsTypeIdAndFields() throws Exception {
        peer.serve("RT:ODD", new PVAStructure("", "my:type/Foo:1.0", new PVADouble("a", 1), new PVAInt("b", 2)));
        Recorder r = new Recorder();
        try (Subscription s = source().subscribe("RT:ODD", r)) {
            await().atMost(WAIT).until(() -> ((PvaSubscription) s).refusal() != null);
            assertThat(((PvaSubscription) s).refusal())
                    .isEqualTo("PV RT:ODD is not an NTScalar, NTEnum or NTScalarArray of numbers: its structure is "
                            + "'my:type/Foo:1.0' {a, b}");
            assertThat(r.connections).containsExactly(true);   // connected, but nothing read
            assertThat(r.updates).isEmpty();
        }
        assertThatThrownBy(() -> source().get("RT:ODD", WAIT)).isInstanceOf(PvException.class)
                .hasMessageContaining("PV RT:ODD is not an NTScalar").hasMessageContaining("'my:type/Foo:1.0' {a, b}");
    }

    @Test
    void aGetOfAPvNobodyServesThrowsWithinItsTimeoutNamingPvAndTimeout() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> source().get("RT:NOBODY", Duration.ofMillis(300))).isInstanceOf(PvException.class)
                .hasMessageContaining("RT:NOBODY").hasMessageContaining("0.3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1300));
    }

    @Test
    void badNamesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> source().subscribe("", new Recorder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PV name is empty");
        assertThatThrownBy(() -> source().subscribe("   ", new Recorder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no channel name");
        assertThatThrownBy(() -> source().subscribe("pva://", new Recorder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no channel name");
        assertThatThrownBy(() -> source().subscribe("A B", new Recorder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a space at position 2");
        assertThatThrownBy(() -> source().get("ca://X:Y", Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("for protocol 'ca', not pva");
    }
}
