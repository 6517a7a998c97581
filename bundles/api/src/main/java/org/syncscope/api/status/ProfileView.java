package org.syncscope.api.status;

import java.util.List;

/**
 * One sync profile configuration and, when it runs, its statistics: every input, and its pairs up
 * to the overview's bound (the first ones in the profile's order, as its table shows them).
 *
 * @param state     {@code running}, {@code starting} or {@code refused}
 * @param reason    why it is refused (or its last edit was); else empty
 * @param prefix    prepended to its output names
 * @param pairCount pairs the profile has in all ({@code pairs.size()} may be fewer)
 * @param processed updates taken off its queue and processed since it started (what its
 *                  {@code SYNCPROFILE:NAME:ProcessedUpdates} PV carries; the PV is posted once a second)
 * @param dropped   updates dropped because its queue was full, since it started
 * @param queued    updates waiting now
 */
public record ProfileView(String name, String state, String reason, String prefix, long pairCount,
                          long processed, long dropped, long queued, List<InputView> inputs,
                          List<PairView> pairs) {

    public ProfileView {
        inputs = List.copyOf(inputs);
        pairs = List.copyOf(pairs);
    }

    /**
     * One input PV and its update-frequency statistics in Hz (NaN without samples): the values its
     * {@code {prefix}{pv}:InstantFreq}, {@code :AvgFreq}, {@code :MinFreq}, {@code :MaxFreq} and
     * {@code :StdFreq} outputs carry.
     */
    public record InputView(String pv, boolean connected, long updates, double instantHz, double avgHz, double minHz,
                            double maxHz, double stdHz, long samples) {
    }

    /**
     * One pair {@code A_vs_B} and its time-difference statistics in seconds (NaN without samples):
     * the values of its {@code :CurrentDiff}, {@code :AvgDiff}, {@code :MinDiff}, {@code :MaxDiff},
     * {@code :StdDiff} outputs; {@code valid} while both inputs are connected.
     */
    public record PairView(String name, boolean valid, double current, double avg, double min, double max,
                           double std, long samples) {
    }
}
