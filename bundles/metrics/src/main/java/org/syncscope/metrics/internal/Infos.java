package org.syncscope.metrics.internal;

import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One info family ({@code NAME_info{...} 1}) being filled for a scrape: for a text whose possible
 * values this bundle does not know (a PV's enum labels live in the bundle that serves it).
 */
final class Infos {

    private final InfoSnapshot.Builder builder;
    private final Set<Labels> seen = new HashSet<>();

    Infos(String name, String help) {
        builder = InfoSnapshot.builder().name(name).help(help);
    }

    Infos add(Labels labels) {
        if (seen.add(labels)) {
            builder.dataPoint(InfoDataPointSnapshot.builder().labels(labels).build());
        }
        return this;
    }

    void addTo(List<MetricSnapshot> out) {
        if (!seen.isEmpty()) {
            out.add(builder.build());
        }
    }
}
