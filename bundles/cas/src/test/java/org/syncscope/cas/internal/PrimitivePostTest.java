package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.aps.jca.dbr.DBR_TIME_Double;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.EpicsTime;

/** {@code PublishedPv.post(double, ...)}: a post no client monitors only stores; what is read is the same as the object path's. */
class PrimitivePostTest {

    private static final long T = 1_760_000_000_123_456_789L;
    private static final int POSTS = 100_000;
    /** The object path allocates a DoubleValue and an EpicsTimestamp per post, ~40 B: 4 MB for 100 000. */
    private static final long ALLOWED_BYTES = 10_000;

    private final ChannelAccessServer server = new ChannelAccessServer();   // not started: posting needs no context

    @Test
    void aPostNobodyMonitorsAllocatesNothing() {
        PublishedPv pv = server.publish(PvSpec.ofDouble("PRIM:COST", "", 3, ""));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        postMany(pv, 0);   // warm: class loading and the first compilations allocate
        long before = threads.getThreadAllocatedBytes(thread);
        postMany(pv, POSTS);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated by %d unmonitored posts", POSTS).isLessThan(ALLOWED_BYTES);
        assertThat(server.snapshot().get(0).value()).isEqualTo(new PvValue.DoubleValue(2 * POSTS - 1));
    }

    private static void postMany(PublishedPv pv, int offset) {
        for (int i = 0; i < POSTS; i++) {
            pv.post((double) (offset + i), T + offset + i, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }
    }

    @Test
    void aReadAfterABarePostHasTheValueTheExactTimeAndTheAlarm() {
        PublishedPv handle = server.publish(PvSpec.ofDouble("PRIM:READ", "", 3, ""));
        handle.post(2.5, T, AlarmSeverity.MINOR, AlarmStatus.HIGH);
        ServedPv pv = servedPv("PRIM:READ");

        DBR_TIME_Double dbr = new DBR_TIME_Double(1);
        pv.read(dbr, null);

        assertThat(dbr.getDoubleValue()[0]).isEqualTo(2.5);
        assertThat(dbr.getTimeStamp().secPastEpoch()).isEqualTo(T / 1_000_000_000L - EpicsTime.EPICS_EPOCH_UNIX_SECONDS);
        assertThat(dbr.getTimeStamp().nsec()).isEqualTo(T % 1_000_000_000L);
        assertThat(dbr.getSeverity().getValue()).isEqualTo(AlarmSeverity.MINOR.ordinal());
        assertThat(dbr.getStatus().getValue()).isEqualTo(AlarmStatus.HIGH.ordinal());
        assertThat(pv.value()).isEqualTo(new PvValue.DoubleValue(2.5));

        handle.post(new PvValue.DoubleValue(7), T + 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        handle.post(8, T + 2, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        pv.read(dbr, null);
        assertThat(dbr.getDoubleValue()[0]).as("the bare post after an object post").isEqualTo(8);
        assertThat(pv.value()).isEqualTo(new PvValue.DoubleValue(8));
    }

    @Test
    void aBarePostIsCheckedAsTheObjectPathIs() {
        PublishedPv longPv = server.publish(PvSpec.ofLong("PRIM:LONG", "", ""));
        assertThatThrownBy(() -> longPv.post(1.0, T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PRIM:LONG is LONG, not DOUBLE");

        PublishedPv pv = server.publish(PvSpec.ofDouble("PRIM:CHECKED", "", 3, ""));
        assertThatThrownBy(() -> pv.post(1.0, EpicsTime.MIN_UNIX_NANOS - 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the EPICS range");
        assertThat(servedPv("PRIM:CHECKED").value()).as("a refused post stores nothing").isNull();

        pv.close();
        assertThatThrownBy(() -> pv.post(1.0, T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .isInstanceOf(IllegalStateException.class).hasMessage("PV PRIM:CHECKED was closed");
    }

    private ServedPv servedPv(String name) {
        return ((PublishedPvHandle) server.published().stream().filter(p -> p.spec().name().equals(name)).findFirst()
                .orElseThrow()).pv();
    }
}
