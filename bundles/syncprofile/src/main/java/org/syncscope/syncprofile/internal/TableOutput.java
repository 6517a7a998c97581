package org.syncscope.syncprofile.internal;

import java.util.List;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.PvValue.TableValue.Column;

/**
 * The whole profile in one PV, {@code SYNCPROFILE:{name}:Table}: an NTTable over pvAccess (no
 * Channel Access: CA has no table type) with a row per input, then a row per pair (the first
 * {@value #MAX_PAIR_ROWS} of the pairing), so a Phoebus table widget shows a profile from one
 * channel. Columns: {@code kind} ("input" / "pair"), {@code name} (the PV, or {@code A_vs_B}),
 * {@code current}, {@code mean}, {@code min}, {@code max}, {@code std} (Hz for an input's update
 * frequency, s for a pair's difference: the values of its five outputs), {@code alarm} ("" or
 * "INVALID"). Built once a second while a client monitors it and every {@value #IDLE_TICKS} s
 * otherwise (so a get is never older than that); used on the profile's thread.
 */
final class TableOutput {

    static final String SUFFIX = ":Table";
    static final int MAX_PAIR_ROWS = 1000;
    static final int IDLE_TICKS = 10;
    static final List<Column> COLUMNS = List.of(
            new Column("kind", "Kind", Column.Kind.STRING),
            new Column("name", "Name", Column.Kind.STRING),
            new Column("current", "Current", Column.Kind.DOUBLE),
            new Column("mean", "Mean", Column.Kind.DOUBLE),
            new Column("min", "Min", Column.Kind.DOUBLE),
            new Column("max", "Max", Column.Kind.DOUBLE),
            new Column("std", "Std", Column.Kind.DOUBLE),
            new Column("alarm", "Alarm", Column.Kind.STRING));

    private final PvSpec spec;
    private PublishedPv pv;
    private int ticksIdle = IDLE_TICKS;

    TableOutput(String profile, PvPublisher publisher) {
        spec = PvSpec.ofTable(StatusOutputs.PREFIX + profile + SUFFIX,
                "every input (update frequency, Hz) and pair (difference, s) of the profile", COLUMNS);
        attach(publisher);
    }

    void attach(PvPublisher publisher) {
        close();
        if (publisher != null && publisher.carries(spec.type())) {
            pv = publisher.publish(spec);
        }
        ticksIdle = IDLE_TICKS;   // post at the next tick
    }

    /** Once a second: the rows, if a client monitors the table or it was not built for a while. */
    void post(InputPv[] inputs, PairPartitions pairs, OutputNames names, long timeNanos) {
        if (pv == null || (pv.subscriberCount() == 0 && ++ticksIdle < IDLE_TICKS)) {
            return;
        }
        ticksIdle = 0;
        pv.post(build(inputs, pairs, names), timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    static PvValue.TableValue build(InputPv[] inputs, PairPartitions pairs, OutputNames names) {
        int pairRows = pairs == null ? 0 : Math.min(pairs.size(), MAX_PAIR_ROWS);
        int rows = inputs.length + pairRows;
        String[] kind = new String[rows];
        String[] name = new String[rows];
        String[] alarm = new String[rows];
        double[][] values = new double[OutputField.PER_GROUP][rows];
        for (int i = 0; i < inputs.length; i++) {
            InputPv in = inputs[i];
            kind[i] = "input";
            name[i] = in.name;
            alarm[i] = in.invalid || !in.hasValue ? "INVALID" : "";
            for (int s = 0; s < OutputField.PER_GROUP; s++) {
                values[s][i] = in.hasValue ? in.value(s) : Double.NaN;
            }
        }
        for (int p = 0; p < pairRows; p++) {
            int r = inputs.length + p;
            boolean has = pairs.hasValue(p);
            kind[r] = "pair";
            name[r] = names.pairKey(p);
            alarm[r] = has && pairs.valid(p) ? "" : "INVALID";
            for (int s = 0; s < OutputField.PER_GROUP; s++) {
                values[s][r] = has ? pairs.value(p, s) : Double.NaN;
            }
        }
        return new PvValue.TableValue(List.of(kind, name, values[0], values[1], values[2], values[3], values[4], alarm));
    }

    void close() {
        if (pv != null) {
            try {
                pv.close();
            } catch (RuntimeException gone) {
                // its publisher withdrew it already
            }
            pv = null;
        }
    }
}
