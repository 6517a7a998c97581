package org.syncscope.metrics.internal;

import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One counter family being filled for a scrape; NaN, negative and duplicate samples are left out (see {@link Gauges}). */
final class Counters {

    private final CounterSnapshot.Builder builder;
    private final Set<Labels> seen = new HashSet<>();

    Counters(String name, String help) {
        builder = CounterSnapshot.builder().name(name).help(help);
    }

    Counters(String name, String help, Unit unit) {
        this(name, help);
        builder.unit(unit);
    }

    Counters add(double value, Labels labels) {
        // a counter below zero is a "not available" marker (-1 of the MXBeans), never a count
        if (!Double.isNaN(value) && value >= 0 && seen.add(labels)) {
            builder.dataPoint(CounterDataPointSnapshot.builder().value(value).labels(labels).build());
        }
        return this;
    }

    void addTo(List<MetricSnapshot> out) {
        if (!seen.isEmpty()) {
            out.add(builder.build());
        }
    }
}
