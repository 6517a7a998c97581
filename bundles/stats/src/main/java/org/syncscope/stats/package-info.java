/**
 * The statistics engine: {@link org.syncscope.stats.RollingStats} over a sliding window,
 * {@link org.syncscope.stats.RunningStats} over everything since a reset, and the two trackers the
 * sync profile is made of, {@link org.syncscope.stats.FrequencyTracker} and
 * {@link org.syncscope.stats.PairDiffTracker}. Pure Java, allocation-free after construction, not
 * thread safe: each instance belongs to one thread (the sync profile's executor).
 */
@Export
@Version("1.3.0")
package org.syncscope.stats;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
