package org.syncscope.syncprofile.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.Limits;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;

/**
 * What to read first when a profile has half a million pairs, posted once a second:
 * {@code SYNCPROFILE:{name}:WorstAvgDiff} (waveform: the AvgDiff of the 10 pairs of largest
 * |AvgDiff|, largest first) with their names in {@code :WorstAvgPair1} … {@code :WorstAvgPair10},
 * {@code :WorstStdDiff} / {@code :WorstStdPair1..10} likewise by StdDiff, and
 * {@code :LargestCurrentDiff} / {@code :LargestCurrentPair}, the pair of largest |CurrentDiff|.
 * Only pairs with a valid value rank; a name PV of an empty rank is "". A pair name longer than a
 * CA string (39 bytes) is shortened in the middle with '~'. Used on the profile's thread.
 */
final class SummaryOutputs {

    static final int STRING_BYTES = 39;

    private final String base;
    private final List<PvSpec> specs = new ArrayList<>();
    private final List<PublishedPv> pvs = new ArrayList<>();
    private final String[] lastNames;
    private final WorstPairs worst = new WorstPairs();

    SummaryOutputs(String profile, PvPublisher publisher) {
        base = StatusOutputs.PREFIX + profile;
        specs.add(waveform(":WorstAvgDiff", "AvgDiff of the pairs of largest |AvgDiff|, largest first"));
        specs.add(waveform(":WorstStdDiff", "StdDiff of the pairs of largest StdDiff, largest first"));
        specs.add(PvSpec.ofDouble(base + ":LargestCurrentDiff", "s", 6, "the CurrentDiff of largest magnitude"));
        specs.add(PvSpec.ofString(base + ":LargestCurrentPair", "the pair of LargestCurrentDiff"));
        for (int k = 1; k <= WorstPairs.RANKS; k++) {
            specs.add(PvSpec.ofString(base + ":WorstAvgPair" + k, "pair " + k + " of WorstAvgDiff"));
        }
        for (int k = 1; k <= WorstPairs.RANKS; k++) {
            specs.add(PvSpec.ofString(base + ":WorstStdPair" + k, "pair " + k + " of WorstStdDiff"));
        }
        lastNames = new String[specs.size()];
        attach(publisher);
    }

    private PvSpec waveform(String suffix, String description) {
        return new PvSpec(base + suffix, PvType.DOUBLE_ARRAY, "s", 6, description, Limits.NONE, Limits.NONE,
                List.of(), WorstPairs.RANKS, null);
    }

    void attach(PvPublisher publisher) {
        close();
        if (publisher != null) {
            try {
                for (PvSpec spec : specs) {
                    pvs.add(publisher.publish(spec));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Ranks the pairs and posts what changed. */
    void post(PairPartitions pairs, OutputNames names, long timeNanos) {
        if (pvs.isEmpty() || pairs == null) {
            return;
        }
        pairs.rank(worst);
        ok(0, new PvValue.DoubleArrayValue(worst.avgValues()), timeNanos);
        ok(1, new PvValue.DoubleArrayValue(worst.stdValues()), timeNanos);
        if (worst.largestCurrent >= 0) {
            pvs.get(2).post(worst.current, timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }
        name(3, worst.largestCurrent < 0 ? "" : names.pairKey(worst.largestCurrent), timeNanos);
        for (int k = 0; k < WorstPairs.RANKS; k++) {
            name(4 + k, k < worst.avgCount ? names.pairKey(worst.byAvg[k]) : "", timeNanos);
            name(4 + WorstPairs.RANKS + k, k < worst.stdCount ? names.pairKey(worst.byStd[k]) : "", timeNanos);
        }
    }

    private void ok(int k, PvValue value, long timeNanos) {
        pvs.get(k).post(value, timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    private void name(int k, String pairKey, long timeNanos) {
        String text = shorten(pairKey);
        if (!text.equals(lastNames[k])) {
            ok(k, new PvValue.StringValue(text), timeNanos);
            lastNames[k] = text;
        }
    }

    /** The name itself if it fits a CA string, else its start and end around a '~'. */
    static String shorten(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= STRING_BYTES) {
            return name;
        }
        int keep = STRING_BYTES - 1;
        int head = keep / 2;
        return name.substring(0, head) + "~" + name.substring(name.length() - (keep - head));
    }

    void close() {
        for (PublishedPv pv : pvs) {
            try {
                pv.close();
            } catch (RuntimeException gone) {
                // its publisher withdrew it already
            }
        }
        pvs.clear();
        java.util.Arrays.fill(lastNames, null);
    }
}
