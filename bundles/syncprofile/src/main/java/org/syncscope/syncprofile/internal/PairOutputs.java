package org.syncscope.syncprofile.internal;

import java.util.List;
import org.syncscope.stats.PairDiffTracker;
import org.syncscope.stats.Stats;

/** One pair of a profile (A before B in configuration order): tracker and five difference outputs. */
final class PairOutputs {

    final InputPv a;
    final InputPv b;
    final PairDiffTracker diff;
    Outputs outputs;

    PairOutputs(InputPv a, InputPv b, int window) {
        this.a = a;
        this.b = b;
        this.diff = new PairDiffTracker(window);
    }

    String key() {
        return key(a.name, b.name);
    }

    static String key(String a, String b) {
        return a + "_vs_" + b;
    }

    boolean bothConnected() {
        return a.connected && b.connected;
    }

    /** {A}_vs_{B}:CurrentDiff, AvgDiff, MinDiff, MaxDiff, StdDiff (seconds). */
    static final class Outputs {
        final OutputPv current;
        final OutputPv avg;
        final OutputPv min;
        final OutputPv max;
        final OutputPv std;

        Outputs(OutputFactory f, String base) {
            current = f.create(base + ":CurrentDiff", "s", 6, "the latest pair difference");
            avg = f.create(base + ":AvgDiff", "s", 6, "mean of the pair differences over the window");
            min = f.create(base + ":MinDiff", "s", 6, "lowest pair difference in the window");
            max = f.create(base + ":MaxDiff", "s", 6, "highest pair difference in the window");
            std = f.create(base + ":StdDiff", "s", 6, "population std of the pair differences");
        }

        void set(double latest, Stats s, long t, boolean immediate) {
            current.set(latest, t, immediate);
            avg.set(s.mean(), t, immediate);
            min.set(s.min(), t, immediate);
            max.set(s.max(), t, immediate);
            std.set(s.std(), t, immediate);
        }

        List<OutputPv> all() {
            return List.of(current, avg, min, max, std);
        }
    }
}
