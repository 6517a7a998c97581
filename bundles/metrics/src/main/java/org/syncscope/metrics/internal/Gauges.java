package org.syncscope.metrics.internal;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One gauge family being filled for a scrape. A NaN value adds no sample (Prometheus would store
 * the NaN as if it were a measurement); a second sample with the same labels is dropped, because
 * the model refuses duplicates and one odd configuration must not fail the whole scrape.
 */
final class Gauges {

    private final GaugeSnapshot.Builder builder;
    private final Set<Labels> seen = new HashSet<>();

    Gauges(String name, String help) {
        builder = GaugeSnapshot.builder().name(name).help(help);
    }

    Gauges(String name, String help, Unit unit) {
        this(name, help);
        builder.unit(unit);
    }

    Gauges add(double value, Labels labels) {
        if (!Double.isNaN(value) && seen.add(labels)) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
        }
        return this;
    }

    Gauges add(boolean value, Labels labels) {
        return add(value ? 1 : 0, labels);
    }

    /** Adds the family to {@code out} if it has any sample. */
    void addTo(List<MetricSnapshot> out) {
        if (!seen.isEmpty()) {
            out.add(builder.build());
        }
    }
}
