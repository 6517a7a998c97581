package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.testing.MemorySource;

/** The profile's NTTable: a row per input and per pair with its outputs' values, built only when read. */
class ProfileTableTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final String TABLE = "SYNCPROFILE:tab:Table";

    /** A publisher that carries tables, as the pvAccess server does, and keeps the tables posted. */
    static final class Tables extends FakePvs.Publisher {
        final List<PvValue.TableValue> tables = new CopyOnWriteArrayList<>();
        volatile int monitors;

        @Override
        public boolean carries(PvType type) {
            return true;
        }

        @Override
        public PublishedPv publish(PvSpec spec) {
            PublishedPv pv = super.publish(spec);
            if (spec.type() != PvType.TABLE) {
                return pv;
            }
            assertThat(spec.columns()).extracting(PvValue.TableValue.Column::name)
                    .containsExactly("kind", "name", "current", "mean", "min", "max", "std", "alarm");
            return new PublishedPv() {
                @Override
                public PvSpec spec() {
                    return spec;
                }

                @Override
                public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
                    tables.add((PvValue.TableValue) value);
                    pv.post(value, timestampNanos, severity, status);
                }

                @Override
                public int subscriberCount() {
                    return monitors;
                }

                @Override
                public void close() {
                    pv.close();
                }
            };
        }
    }

    private final MemorySource source = new MemorySource();
    private final InlineLane lane = new InlineLane();

    private SyncProfile profile(FakePvs.Publisher publisher) {
        return new SyncProfile("tab", new ProfileSettings(List.of("A", "B", "C"), 100, TimestampMode.SOURCE, "", 0,
                20_000, 50, Pairing.parse(new String[] {"all"}), 1), source, publisher, lane);
    }

    private void run() {
        for (String pv : List.of("A", "B", "C")) {
            source.connect(pv, true);
            source.update(pv, T0 - 1_000 * MS);
        }
        for (int k = 0; k < 20; k++) {
            source.update("A", T0 + k * 100 * MS);
            source.update("B", T0 + k * 100 * MS + 30 * MS);
            source.update("C", T0 + k * 100 * MS + 50 * MS);
        }
    }

    @Test
    void aRowPerInputAndPairWithTheValuesOfItsOutputs() {
        Tables publisher = new Tables();
        SyncProfile p = profile(publisher);
        run();
        publisher.monitors = 1;
        lane.tick();
        PvValue.TableValue t = publisher.tables.get(publisher.tables.size() - 1);
        assertThat(t.rows()).isEqualTo(3 + 3);
        assertThat(t.strings(0)).containsExactly("input", "input", "input", "pair", "pair", "pair");
        assertThat(t.strings(1)).containsExactly("A", "B", "C", "A_vs_B", "A_vs_C", "B_vs_C");
        assertThat(t.strings(7)).containsOnly("");
        assertThat(t.doubles(3)[0]).as("A's AvgFreq, Hz").isCloseTo(10, within(1e-9));
        assertThat(t.doubles(3)[3]).as("A_vs_B's AvgDiff, s").isCloseTo(-0.030, within(1e-12));
        assertThat(t.doubles(2)[4]).as("A_vs_C's CurrentDiff, s").isCloseTo(-0.050, within(1e-12));
        assertThat(t.doubles(3)[5]).as("B_vs_C's AvgDiff, s").isCloseTo(-0.020, within(1e-12));
        assertThat(t.doubles(6)[3]).as("A_vs_B's StdDiff: a fixed offset").isCloseTo(0, within(1e-12));

        source.connect("C", false);
        lane.tick();
        t = publisher.tables.get(publisher.tables.size() - 1);
        assertThat(t.strings(7)).containsExactly("", "", "INVALID", "", "INVALID", "INVALID");
        p.close();
    }

    @Test
    void builtOnlyWhileMonitoredOrEveryTenSeconds() {
        Tables publisher = new Tables();
        SyncProfile p = profile(publisher);
        run();
        int before = publisher.tables.size();
        assertThat(before).as("posted at the start, so a get reads rows").isEqualTo(1);
        for (int k = 0; k < TableOutput.IDLE_TICKS - 1; k++) {
            lane.tick();
        }
        assertThat(publisher.tables).hasSize(before);
        lane.tick();
        assertThat(publisher.tables).hasSize(before + 1);
        publisher.monitors = 1;
        lane.tick();
        lane.tick();
        assertThat(publisher.tables).hasSize(before + 3);
        p.close();
    }

    @Test
    void notOnChannelAccess() {
        FakePvs.Publisher ca = new FakePvs.Publisher();
        SyncProfile p = profile(ca);
        run();
        lane.tick();
        assertThat(ca.has("SYNCPROFILE:tab:WorstAvgDiff")).isTrue();
        assertThat(ca.has(TABLE)).isFalse();
        p.close();
    }
}
