package org.syncscope.syncprofile.internal;

import org.syncscope.api.pv.PvSpec;

/** The five outputs of an input ({PV}:…Freq, Hz) and the five of a pair ({A}_vs_{B}:…Diff, s). */
enum OutputField {
    INSTANT_FREQ("InstantFreq", "update frequency of the latest interval"),
    AVG_FREQ("AvgFreq", "mean update frequency over the window"),
    MIN_FREQ("MinFreq", "lowest update frequency in the window"),
    MAX_FREQ("MaxFreq", "highest update frequency in the window"),
    STD_FREQ("StdFreq", "population std of the update frequency"),
    CURRENT_DIFF("CurrentDiff", "the latest pair difference"),
    AVG_DIFF("AvgDiff", "mean of the pair differences over the window"),
    MIN_DIFF("MinDiff", "lowest pair difference in the window"),
    MAX_DIFF("MaxDiff", "highest pair difference in the window"),
    STD_DIFF("StdDiff", "population std of the pair differences");

    /** Outputs per input and per pair. */
    static final int PER_GROUP = 5;
    /** The longest suffix, ":CurrentDiff" (12 characters) and ":InstantFreq" (12). */
    static final int LONGEST_SUFFIX = 12;
    private static final OutputField[] ALL = values();

    final String suffix;
    private final String description;

    OutputField(String field, String description) {
        this.suffix = ":" + field;
        this.description = description;
    }

    boolean ofPair() {
        return ordinal() >= PER_GROUP;
    }

    /** 0..4 within its group: current/instant, avg, min, max, std. */
    int slot() {
        return ordinal() % PER_GROUP;
    }

    static OutputField of(boolean pair, int slot) {
        return ALL[(pair ? PER_GROUP : 0) + slot];
    }

    /** The field of a name's suffix after its last ':', or null. */
    static OutputField bySuffix(String name, int colon) {
        for (OutputField f : ALL) {
            if (name.length() - colon == f.suffix.length() && name.startsWith(f.suffix, colon)) {
                return f;
            }
        }
        return null;
    }

    PvSpec spec(String name) {
        return ofPair() ? PvSpec.ofDouble(name, "s", 6, description) : PvSpec.ofDouble(name, "Hz", 3, description);
    }
}
