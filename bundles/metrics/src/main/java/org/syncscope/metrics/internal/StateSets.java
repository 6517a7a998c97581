package org.syncscope.metrics.internal;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One state set family being filled for a scrape: each known state a sample, 1 for the current one
 * and 0 for the others, so a query can alert on a state that is 0. A current state outside the
 * known ones is added as one more state rather than lost.
 */
final class StateSets {

    private final StateSetSnapshot.Builder builder;
    private final List<String> states;
    private final Set<Labels> seen = new HashSet<>();

    StateSets(String name, String help, List<String> states) {
        builder = StateSetSnapshot.builder().name(name).help(help);
        this.states = List.copyOf(states);
    }

    StateSets add(String current, Labels labels) {
        if (seen.add(labels)) {
            StateSetDataPointSnapshot.Builder point = StateSetDataPointSnapshot.builder().labels(labels);
            for (String state : states) {
                point.state(state, state.equals(current));
            }
            if (!states.contains(current)) {
                point.state(current, true);
            }
            builder.dataPoint(point.build());
        }
        return this;
    }

    void addTo(List<MetricSnapshot> out) {
        if (!seen.isEmpty()) {
            out.add(builder.build());
        }
    }
}
