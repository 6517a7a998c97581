package org.syncscope.syncprofile.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.syncscope.api.pv.PvNames;

/**
 * The output names of one configuration, computed rather than stored: {@code {prefix}{PV}:AvgFreq}
 * for each input and {@code {prefix}{A}_vs_{B}:AvgDiff} for each pair (A listed before B). Immutable,
 * so the CA server's threads resolve a searched name against it while the profile runs; half a
 * million pairs cost no string until a name is asked for.
 */
final class OutputNames {

    static final String VS = "_vs_";

    /** What a name resolves to: an input or a pair (index), and which of its outputs. */
    record Resolved(boolean pair, int index, OutputField field) {
    }

    private final String prefix;
    private final List<String> pvs;
    private final Map<String, Integer> inputIndex = new HashMap<>();
    private final PairLayout layout;

    OutputNames(String prefix, List<String> pvs, PairLayout layout) {
        this.prefix = prefix;
        this.pvs = pvs;
        this.layout = layout;
        for (int i = 0; i < pvs.size(); i++) {
            inputIndex.put(pvs.get(i), i);
        }
    }

    /**
     * Checks every output name against EPICS's record-name rules without building them all: each
     * input's names (characters and length), and each pair's length (its characters are its two
     * inputs').
     *
     * @throws IllegalArgumentException naming the first name refused
     */
    void validate() {
        for (String pv : pvs) {
            PvNames.validate(prefix + pv + OutputField.INSTANT_FREQ.suffix);
        }
        int fixed = prefix.length() + VS.length() + OutputField.LONGEST_SUFFIX;
        for (int p = 0, n = layout.size(); p < n; p++) {
            if (fixed + pvs.get(layout.a(p)).length() + pvs.get(layout.b(p)).length() > PvNames.MAX_LENGTH) {
                PvNames.validate(name(true, p, OutputField.CURRENT_DIFF));
            }
        }
    }

    String prefix() {
        return prefix;
    }

    String pairKey(int pair) {
        return pvs.get(layout.a(pair)) + VS + pvs.get(layout.b(pair));
    }

    String name(boolean pair, int index, OutputField field) {
        return prefix + (pair ? pairKey(index) : pvs.get(index)) + field.suffix;
    }

    /** The input or pair output {@code name} stands for, or null. */
    Resolved resolve(String name) {
        if (!name.startsWith(prefix)) {
            return null;
        }
        int colon = name.lastIndexOf(':');
        if (colon <= prefix.length()) {
            return null;
        }
        OutputField field = OutputField.bySuffix(name, colon);
        if (field == null) {
            return null;
        }
        String base = name.substring(prefix.length(), colon);
        if (!field.ofPair()) {
            Integer i = inputIndex.get(base);
            return i == null ? null : new Resolved(false, i, field);
        }
        // A PV name may itself hold "_vs_": try each split whose two sides are inputs.
        for (int at = base.indexOf(VS); at > 0; at = base.indexOf(VS, at + 1)) {
            Integer a = inputIndex.get(base.substring(0, at));
            Integer b = a == null ? null : inputIndex.get(base.substring(at + VS.length()));
            if (b != null && a < b) {
                int pair = layout.indexOf(a, b);
                if (pair >= 0) {
                    return new Resolved(true, pair, field);
                }
            }
        }
        return null;
    }

    /** Every name, inputs first then pairs, made one at a time as iterated. */
    Iterable<String> all() {
        int inputs = pvs.size() * OutputField.PER_GROUP;
        long total = inputs + (long) layout.size() * OutputField.PER_GROUP;
        return () -> new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            @Override
            public String next() {
                if (next >= total) {
                    throw new NoSuchElementException();
                }
                long k = next++;
                boolean pair = k >= inputs;
                long within = pair ? k - inputs : k;
                return name(pair, (int) (within / OutputField.PER_GROUP),
                        OutputField.of(pair, (int) (within % OutputField.PER_GROUP)));
            }
        };
    }
}
