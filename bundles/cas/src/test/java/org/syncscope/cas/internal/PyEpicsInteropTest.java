package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.Limits;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;

/** The EPICS C client library (through pyepics) reads, monitors and writes our PVs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyEpicsInteropTest {

    private static final int PORT = 15070;
    private final ChannelAccessServer server = new ChannelAccessServer();
    private PyEpics pyepics;

    @BeforeAll
    void start() throws Exception {
        pyepics = new PyEpics(PORT);
        server.start(new ServerSettings(PORT, AddressList.parse("b", "127.0.0.1"), false, 15f, AddressList.EMPTY));
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void libcaReadsValueMetadataAlarmAndExactTime() throws Exception {
        Instant t = Instant.parse("2026-11-26T06:00:00.123456789Z");
        PvSpec spec = new PvSpec("PY:FREQ", PvType.DOUBLE, "Hz", 3, "", new Limits(0, 100), Limits.NONE, List.of(), 1, null);
        server.publish(spec).post(new PvValue.DoubleValue(9.995), t.getEpochSecond() * 1_000_000_000L + t.getNano(),
                AlarmSeverity.MINOR, AlarmStatus.LOW);
        Map<String, String> r = pyepics.run(60, "read", "PY:FREQ");
        assertThat(r.get("value")).as(r.get("_output")).isEqualTo("9.995");
        assertThat(r.get("units")).isEqualTo("Hz");
        assertThat(r.get("precision")).isEqualTo("3");
        assertThat(r.get("severity")).isEqualTo("1");
        assertThat(r.get("status")).isEqualTo(Integer.toString(AlarmStatus.LOW.ordinal()));
        assertThat(Long.parseLong(r.get("posixseconds"))).isEqualTo(t.getEpochSecond());
        // libca carries the nanoseconds as sent; within 1 µs is the acceptance bound
        assertThat(Math.abs(Long.parseLong(r.get("nanoseconds")) - t.getNano())).isLessThan(1000);
        assertThat(r.get("write_access")).isEqualTo("False");
    }

    @Test
    void libcaMonitorGetsAHundredHertzStream() throws Exception {
        PublishedPv pv = server.publish(PvSpec.ofDouble("PY:FAST", "", 0, "100 Hz"));
        AtomicLong posted = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> {
            Instant now = Instant.now();
            pv.post(new PvValue.DoubleValue(posted.incrementAndGet()), now.getEpochSecond() * 1_000_000_000L + now.getNano(),
                    AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }, 0, 10, TimeUnit.MILLISECONDS);
        try {
            Map<String, String> r = pyepics.run(90, "monitor", "PY:FAST", "10");
            long received = Long.parseLong(r.getOrDefault("updates", "0"));
            long spanned = Long.parseLong(r.getOrDefault("last", "0")) - Long.parseLong(r.getOrDefault("first", "0")) + 1;
            // 10 s at 100 Hz is about 1000 posts (fewer if this machine stalls the timer); of the
            // posts made while libca listened, at least 95 % arrive, in order
            assertThat(spanned).as(r.get("_output")).isGreaterThanOrEqualTo(300);
            assertThat(received).as(r.get("_output")).isGreaterThanOrEqualTo(spanned * 95 / 100);
            assertThat(r.get("not_increasing")).as(r.get("_output")).isEqualTo("0");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void libcaPutsSucceedOnlyWhereAWriteHandlerExists() throws Exception {
        List<PvValue> written = new CopyOnWriteArrayList<>();
        server.publish(PvSpec.ofDouble("PY:RESET", "", 0, "").withWriteHandler(written::add));
        server.publish(PvSpec.ofDouble("PY:RO", "", 0, ""));
        Map<String, String> ok = pyepics.run(60, "put", "PY:RESET", "1");
        assertThat(ok.get("ok")).as(ok.get("_output")).isEqualTo("True");
        assertThat(written).containsExactly(new PvValue.DoubleValue(1));
        Map<String, String> refused = pyepics.run(60, "put", "PY:RO", "1");
        assertThat(refused.get("ok")).as(refused.get("_output")).isEqualTo("False");
    }
}
