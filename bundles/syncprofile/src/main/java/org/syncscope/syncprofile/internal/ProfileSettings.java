package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A profile's validated settings.
 *
 * @param pvs           input PVs in configuration order (pairs are ordered by it)
 * @param window        samples in the rolling statistics
 * @param mode          which time of an update is used
 * @param prefix        prepended to every output name
 * @param publishRateHz 0 = post every change; else post changed outputs at this rate
 * @param queueCapacity updates the profile's queue holds before it drops them
 * @param cpuPercent    the share of one core the profile may spend processing updates
 * @param pairing       which pairs of {@code pvs} get pair statistics (checked against {@code pvs})
 * @param pairThreads   threads the pairs are partitioned over (1: all on the profile's own thread)
 */
public record ProfileSettings(List<String> pvs, int window, TimestampMode mode, String prefix, double publishRateHz,
                              int queueCapacity, int cpuPercent, Pairing pairing, int pairThreads) {

    /** The most threads one profile's pairs may be partitioned over. */
    public static final int MAX_PAIR_THREADS = 64;

    /** The default CPU share: half a core, so one overloaded profile leaves most of a small host to the rest. */
    public static final int DEFAULT_CPU_PERCENT = 50;

    /** The default bound of a profile's queue: 2 s of 10 000 updates/s, about 1 MB of references. */
    public static final int DEFAULT_QUEUE_CAPACITY = 20_000;

    public ProfileSettings(List<String> pvs, int window, TimestampMode mode, String prefix, double publishRateHz) {
        this(pvs, window, mode, prefix, publishRateHz, DEFAULT_QUEUE_CAPACITY, DEFAULT_CPU_PERCENT);
    }

    public ProfileSettings(List<String> pvs, int window, TimestampMode mode, String prefix, double publishRateHz,
                           int queueCapacity) {
        this(pvs, window, mode, prefix, publishRateHz, queueCapacity, DEFAULT_CPU_PERCENT);
    }

    public ProfileSettings(List<String> pvs, int window, TimestampMode mode, String prefix, double publishRateHz,
                           int queueCapacity, int cpuPercent) {
        this(pvs, window, mode, prefix, publishRateHz, queueCapacity, cpuPercent, Pairing.ALL);
    }

    public ProfileSettings(List<String> pvs, int window, TimestampMode mode, String prefix, double publishRateHz,
                           int queueCapacity, int cpuPercent, Pairing pairing) {
        this(pvs, window, mode, prefix, publishRateHz, queueCapacity, cpuPercent, pairing, 1);
    }

    public ProfileSettings {
        pvs = List.copyOf(pvs);
        if (pvs.isEmpty()) {
            throw new IllegalArgumentException("pvs: the list is empty");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String pv : pvs) {
            if (!seen.add(pv)) {
                throw new IllegalArgumentException("pvs: '" + pv + "' appears twice");
            }
            if (pv.isEmpty() || pv.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new IllegalArgumentException("pvs: '" + pv + "' is not a PV name");
            }
        }
        if (window < 1) {
            throw new IllegalArgumentException("window: " + window + " (must be at least 1)");
        }
        if (!(publishRateHz >= 0) || Double.isInfinite(publishRateHz)) {
            throw new IllegalArgumentException("publishRateHz: " + publishRateHz + " (must be 0 or a positive rate)");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (must be at least 1)");
        }
        if (cpuPercent < 1 || cpuPercent > 100) {
            throw new IllegalArgumentException("cpuPercent: " + cpuPercent + " (must be 1 to 100)");
        }
        if (pairThreads < 1 || pairThreads > MAX_PAIR_THREADS) {
            throw new IllegalArgumentException("pairThreads: " + pairThreads + " (must be 1 to " + MAX_PAIR_THREADS + ")");
        }
        prefix = prefix == null ? "" : prefix.trim();
        pairing = pairing == null ? Pairing.ALL : pairing;
        // cheap: builds nothing for all and chain, so a heap estimate can refuse a huge profile first
        pairing.check(pvs);
    }

    /** Pairs of inputs the pairing gives (all: n(n-1)/2), by formula: nothing is built. */
    public long pairCount() {
        return pairing.count(pvs);
    }

    /** The pairs as indices into {@link #pvs}; built anew on each call (O(pairs)), so build it once. */
    public PairLayout layout() {
        return pairing.layout(pvs);
    }

    /** Validates a configuration, naming the key and value that are wrong. */
    static ProfileSettings of(SyncProfileConfig c) {
        return new ProfileSettings(splitList(c.pvs()), c.window(), TimestampMode.parse(c.timestamp()), c.prefix(),
                c.publishRateHz(), c.queueCapacity(), c.cpuPercent(), Pairing.parse(c.pairs()), c.pairThreads());
    }

    /** Karaf .cfg lists arrive as one comma-separated string or as an array: accept both. */
    static List<String> splitList(String[] elements) {
        List<String> out = new ArrayList<>();
        if (elements != null) {
            for (String e : elements) {
                for (String part : e.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }
}
