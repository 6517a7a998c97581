package org.syncscope.screens.internal;

/**
 * What a generated profile screen shows, checked.
 *
 * @param maxPairs   rows of pairs at most (the first of the profile's order)
 * @param chartPairs pairs whose CurrentDiff the strip chart plots (the first ones shown)
 */
record ScreenSettings(int maxPairs, int chartPairs) {

    static final ScreenSettings DEFAULTS = new ScreenSettings(20, 4);

    ScreenSettings {
        if (maxPairs < 0) {
            throw new IllegalArgumentException("maxPairs: " + maxPairs + " (must be 0 or more)");
        }
        if (chartPairs < 0) {
            throw new IllegalArgumentException("chartPairs: " + chartPairs + " (must be 0 or more)");
        }
    }

    static ScreenSettings of(ScreensConfig config) {
        return new ScreenSettings(config.maxPairs(), config.chartPairs());
    }
}
