package org.syncscope.pvas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.Limits;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.PvValue.TableValue.Column;
import org.syncscope.pvas.testing.PvaServers;

/** Our pvAccess server as Phoebus' independent pvAccess client sees it, on TCP 25530 / UDP 25531 (loopback). */
class PvaInteropTest {

    /** 2025-10-09 08:53:20.123456789 UTC: seconds and nanoseconds both non-trivial. */
    private static final long T = 1_760_000_000_123_456_789L;

    private static PvaServers.Running running;
    private static PvPublisher publisher;
    private static PhoebusClient client;

    @BeforeAll
    static void start() throws Exception {
        running = PvaServers.loopback(25530);
        publisher = running.publisher();
        client = new PhoebusClient(running.udpPort());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (running != null) {
            running.close();
        }
    }

    @SuppressWarnings("unchecked")
    static <D extends PVAData> D field(PVAStructure s, String path) {
        PVAData d = s;
        for (String part : path.split("\\.")) {
            d = ((PVAStructure) d).get(part);
            assertThat(d).as("field %s of %s", path, s.getStructureName()).isNotNull();
        }
        return (D) d;
    }

    static int integer(PVAStructure s, String path) {
        return ((PVAInt) field(s, path)).get();
    }

    static String text(PVAStructure s, String path) {
        return ((PVAString) field(s, path)).get();
    }

    @Test
    void aDoubleCarriesValueAlarmExactTimeAndMetadata() throws Exception {
        PvSpec spec = new PvSpec("PVAS:DOUBLE", PvType.DOUBLE, "mm", 4, "a double", new Limits(-5, 5),
                new Limits(-2, 3), List.of(), 1, null);
        PublishedPv pv = publisher.publish(spec);
        pv.post(1.25, T, AlarmSeverity.MAJOR, AlarmStatus.HIHI);

        PVAStructure s = client.read("PVAS:DOUBLE");

        assertThat(s.getStructureName()).isEqualTo("epics:nt/NTScalar:1.0");
        assertThat(((PVADouble) field(s, "value")).get()).isEqualTo(1.25);
        assertThat(integer(s, "alarm.severity")).isEqualTo(2);
        assertThat(integer(s, "alarm.status")).as("HIHI is a DEVICE alarm").isEqualTo(1);
        assertThat(text(s, "alarm.message")).isEqualTo("HIHI");
        assertThat(((PVALong) field(s, "timeStamp.secondsPastEpoch")).get()).isEqualTo(1_760_000_000L);
        assertThat(integer(s, "timeStamp.nanoseconds")).isEqualTo(123_456_789);
        assertThat(text(s, "display.units")).isEqualTo("mm");
        assertThat(integer(s, "display.precision")).isEqualTo(4);
        assertThat(text(s, "display.description")).isEqualTo("a double");
        assertThat(((PVADouble) field(s, "display.limitLow")).get()).isEqualTo(-5);
        assertThat(((PVADouble) field(s, "display.limitHigh")).get()).isEqualTo(5);
        assertThat(((PVADouble) field(s, "control.limitLow")).get()).isEqualTo(-2);
        assertThat(((PVADouble) field(s, "control.limitHigh")).get()).isEqualTo(3);
        assertThat(((PVAStringArray) field(s, "display.form.choices")).get()).startsWith("Default", "String");
        pv.close();
    }

    @Test
    void beforeItsFirstPostAPvIsInvalidUdf() throws Exception {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("PVAS:UDF", "", 2, ""));

        PVAStructure s = client.read("PVAS:UDF");

        assertThat(integer(s, "alarm.severity")).isEqualTo(3);
        assertThat(integer(s, "alarm.status")).as("UNDEFINED").isEqualTo(6);
        assertThat(text(s, "alarm.message")).isEqualTo("UDF");
        pv.close();
    }

    @Test
    void longStringEnumAndArrayDecode() throws Exception {
        PublishedPv l = publisher.publish(PvSpec.ofLong("PVAS:LONG", "counts", "a long"));
        PublishedPv str = publisher.publish(PvSpec.ofString("PVAS:STRING", "a string"));
        PublishedPv e = publisher.publish(PvSpec.ofEnum("PVAS:ENUM", "an enum", List.of("Off", "On", "Fault")));
        PublishedPv a = publisher.publish(new PvSpec("PVAS:ARRAY", PvType.DOUBLE_ARRAY, "V", 1, "an array",
                Limits.NONE, Limits.NONE, List.of(), 8, null));
        l.post(new PvValue.LongValue(-123456), T, AlarmSeverity.MINOR, AlarmStatus.LOW);
        str.post(new PvValue.StringValue("a text longer than the forty characters CA carries"), T + 1,
                AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        e.post(new PvValue.EnumValue(2, "Fault"), T + 2, AlarmSeverity.MAJOR, AlarmStatus.STATE);
        a.post(new PvValue.DoubleArrayValue(new double[] {1.5, -2, 3e9}), T + 3, AlarmSeverity.INVALID,
                AlarmStatus.COMM);

        PVAStructure ls = client.read("PVAS:LONG");
        assertThat(integer(ls, "value")).isEqualTo(-123456);
        assertThat(text(ls, "display.units")).isEqualTo("counts");
        assertThat(text(ls, "alarm.message")).isEqualTo("LOW");

        PVAStructure ss = client.read("PVAS:STRING");
        assertThat(text(ss, "value")).isEqualTo("a text longer than the forty characters CA carries");
        assertThat(integer(ss, "timeStamp.nanoseconds")).isEqualTo(123_456_790);
        assertThat(integer(ss, "alarm.status")).isZero();
        assertThat(text(ss, "alarm.message")).isEmpty();

        PVAStructure es = client.read("PVAS:ENUM");
        assertThat(es.getStructureName()).isEqualTo("epics:nt/NTEnum:1.0");
        assertThat(integer(es, "value.index")).isEqualTo(2);
        assertThat(((PVAStringArray) field(es, "value.choices")).get()).containsExactly("Off", "On", "Fault");
        assertThat(text(es, "alarm.message")).isEqualTo("STATE");

        PVAStructure as = client.read("PVAS:ARRAY");
        assertThat(as.getStructureName()).isEqualTo("epics:nt/NTScalarArray:1.0");
        assertThat(((PVADoubleArray) field(as, "value")).get()).containsExactly(1.5, -2, 3e9);
        assertThat(integer(as, "alarm.severity")).isEqualTo(3);
        assertThat(integer(as, "alarm.status")).as("COMM is a DRIVER alarm").isEqualTo(2);
        List.of(l, str, e, a).forEach(PublishedPv::close);
    }

    @Test
    void aTableDecodesWithItsLabelsAndColumns() throws Exception {
        PublishedPv t = publisher.publish(PvSpec.ofTable("PVAS:TABLE", "pairs", List.of(
                new Column("pair", "Pair", Column.Kind.STRING), new Column("offsetNs", "Offset (ns)", Column.Kind.DOUBLE))));
        t.post(new PvValue.TableValue(List.of(new String[] {"A_vs_B", "A_vs_C"}, new double[] {12.5, -3})), T,
                AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);

        PVAStructure s = client.read("PVAS:TABLE");

        assertThat(s.getStructureName()).isEqualTo("epics:nt/NTTable:1.0");
        assertThat(((PVAStringArray) field(s, "labels")).get()).containsExactly("Pair", "Offset (ns)");
        assertThat(((PVAStringArray) field(s, "value.pair")).get()).containsExactly("A_vs_B", "A_vs_C");
        assertThat(((PVADoubleArray) field(s, "value.offsetNs")).get()).containsExactly(12.5, -3);
        assertThat(text(s, "descriptor")).isEqualTo("pairs");
        t.close();
    }

    @Test
    void aMonitorSeesEveryPostInOrderWithExactTimes() throws Exception {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("PVAS:MON", "", 3, ""));
        pv.post(0, T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        List<double[]> seen = new CopyOnWriteArrayList<>();   // value, seconds, nanoseconds
        try (PVAChannel channel = client.connect("PVAS:MON");
             AutoCloseable sub = channel.subscribe("", (ch, changed, overrun, data) -> seen.add(new double[] {
                     ((PVADouble) field(data, "value")).get(),
                     ((PVALong) field(data, "timeStamp.secondsPastEpoch")).get(),
                     integer(data, "timeStamp.nanoseconds")}))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1 && pv.subscriberCount() == 1);
            for (int i = 1; i <= 10; i++) {
                pv.post(i, T + i, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 11);
            for (int i = 0; i <= 10; i++) {
                assertThat(seen.get(i)).as("update %d", i).containsExactly(i, 1_760_000_000L, 123_456_789 + i);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pv.subscriberCount() == 0);
        pv.close();
    }

    /**
     * A monitor or get of only value, alarm and timeStamp (what Syncscope's pvAccess client asks
     * for) gets those fields and keeps the NT type id, so a client can still tell what it reads.
     */
    @Test
    void aSelectionOfValueAlarmAndTimeStampKeepsTheNormativeTypeId() throws Exception {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("PVAS:SEL", "mm", 3, "selected"));
        pv.post(2.5, T, AlarmSeverity.MINOR, AlarmStatus.HIGH);
        List<PVAStructure> seen = new CopyOnWriteArrayList<>();
        try (PVAChannel channel = client.connect("PVAS:SEL");
             AutoCloseable sub = channel.subscribe("value,alarm,timeStamp", (ch, changed, overrun, data) -> seen.add(data.cloneData()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            PVAStructure m = seen.get(0);
            assertThat(m.getStructureName()).isEqualTo("epics:nt/NTScalar:1.0");
            assertThat(m.get().stream().map(f -> f.getName()).toList()).containsExactly("value", "alarm", "timeStamp");
            assertThat(((PVADouble) field(m, "value")).get()).isEqualTo(2.5);
            PVAStructure g = channel.read("value,timeStamp").get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(g.getStructureName()).isEqualTo("epics:nt/NTScalar:1.0");
            assertThat(g.get().stream().map(f -> f.getName()).toList()).containsExactly("value", "timeStamp");
            PVAStructure t = channel.read("timeStamp").get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(t.getStructureName()).as("no value: no longer an NTScalar").isNotEqualTo("epics:nt/NTScalar:1.0");
        }
        pv.close();
    }

    /** Monitor elements are reused once sent: each update carries its own post, a shorter array its own length. */
    @Test
    void reusedMonitorElementsCarryEachPostWhole() throws Exception {
        PublishedPv pv = publisher.publish(new PvSpec("PVAS:REUSE", PvType.DOUBLE_ARRAY, "mm", 2, "reuse",
                Limits.NONE, Limits.NONE, List.of(), 8, null));
        pv.post(new PvValue.DoubleArrayValue(new double[0]), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        List<String> seen = new CopyOnWriteArrayList<>();   // "values severity nanoseconds units"
        try (PVAChannel channel = client.connect("PVAS:REUSE");
             AutoCloseable sub = channel.subscribe("", (ch, changed, overrun, data) -> seen.add(
                     java.util.Arrays.toString(((PVADoubleArray) field(data, "value")).get()) + " "
                             + integer(data, "alarm.severity") + " " + integer(data, "timeStamp.nanoseconds") + " "
                             + text(data, "display.units")))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1 && pv.subscriberCount() == 1);
            for (int i = 1; i <= 40; i++) {
                double[] values = new double[i % 7];
                java.util.Arrays.fill(values, i);
                pv.post(new PvValue.DoubleArrayValue(values), T + i, AlarmSeverity.values()[i % 4], AlarmStatus.HIGH);
                if (i <= 30) {   // one at a time: the same element comes back each time; then ten at once
                    int expected = i + 1;
                    await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(10)).until(() -> seen.size() == expected);
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 41);
        }
        for (int i = 1; i <= 40; i++) {
            double[] values = new double[i % 7];
            java.util.Arrays.fill(values, i);
            assertThat(seen.get(i)).as("update %d", i)
                    .isEqualTo(java.util.Arrays.toString(values) + " " + i % 4 + " " + (123_456_789 + i) + " mm");
        }
        pv.close();
    }

    @Test
    void aPutToAReadOnlyPvIsRefusedNamingIt() throws Exception {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("PVAS:RO", "", 3, ""));
        pv.post(1, T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        try (PVAChannel channel = client.connect("PVAS:RO")) {
            assertThatThrownBy(() -> channel.write("value", 2.0).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("PV PVAS:RO is read-only");
        }
        assertThat(((PVADouble) field(client.read("PVAS:RO"), "value")).get()).isEqualTo(1);
        pv.close();
    }

    @Test
    void aHandlerAcceptsOrRefusesPuts() throws Exception {
        List<PvValue> written = new CopyOnWriteArrayList<>();
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("PVAS:RW", "", 3, "").withWriteHandler(v -> {
            if (((PvValue.DoubleValue) v).value() < 0) {
                throw new IllegalArgumentException("PVAS:RW takes no negative values");
            }
            written.add(v);
        }));
        PublishedPv e = publisher.publish(PvSpec.ofEnum("PVAS:RWENUM", "", List.of("A", "B", "C"))
                .withWriteHandler(written::add));
        try (PVAChannel channel = client.connect("PVAS:RW"); PVAChannel enumChannel = client.connect("PVAS:RWENUM")) {
            channel.write("value", 4.5).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> channel.write("value", -1.0).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("PVAS:RW takes no negative values");
            enumChannel.write("value.index", 2).get(10, TimeUnit.SECONDS);
        }
        assertThat(written).containsExactly(new PvValue.DoubleValue(4.5), new PvValue.EnumValue(2, "C"));
        assertThat(((PVADouble) field(client.read("PVAS:RW"), "value")).get()).as("the PV took the accepted value")
                .isEqualTo(4.5);
        assertThat(integer(client.read("PVAS:RWENUM"), "value.index")).isEqualTo(2);
        pv.close();
        e.close();
    }
}
