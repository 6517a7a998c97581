package org.syncscope.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.overview.Overview;

/**
 * What one scrape costs: rendering a profile of 100 inputs and 100 pairs, with and without the
 * JVM. A measurement for the README, printed, not asserted (no timing assertions).
 */
class RenderCostTest {

    private static final int WARMUP = 200;
    private static final int RUNS = 300;

    @Test
    void renderAProfileOf100InputsAnd100Pairs() {
        Overview o = Overviews.of(List.of(Overviews.large("big", 100, 100)));
        for (MetricsSettings settings : List.of(new MetricsSettings(100, false), new MetricsSettings(100, true))) {
            int bytes = 0;
            for (int i = 0; i < WARMUP; i++) {
                bytes = MetricsText.render(o, settings, Overviews.TIME).length;
            }
            long start = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                bytes += MetricsText.render(o, settings, Overviews.TIME).length & 1;
            }
            double micros = (System.nanoTime() - start) / 1e3 / RUNS;
            long modelStart = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                bytes += MetricsText.snapshots(o, settings, Overviews.TIME).size() & 1;
            }
            double modelMicros = (System.nanoTime() - modelStart) / 1e3 / RUNS;
            System.out.printf("render 100 inputs + 100 pairs (includeJvm=%s): %.0f us per scrape (building the model: %.0f us),"
                    + " %d bytes%n", settings.includeJvm(), micros, modelMicros, bytes);
            // 100 inputs x 8 series + 100 pairs x 7 series
            assertThat(new String(MetricsText.render(o, settings, Overviews.TIME)).lines()
                    .filter(l -> l.startsWith("syncscope_input_") || l.startsWith("syncscope_pair_"))).hasSize(800 + 700);
        }
    }
}
