package org.syncscope.metrics.internal;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.syncscope.overview.Overview;

/** One scrape's text: the families of an overview snapshot (and the JVM's) in Prometheus text format 0.0.4. */
final class MetricsText {

    /** The Content-Type of {@link #render}'s bytes. */
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private MetricsText() {
    }

    /** The families of one scrape, sorted by name as the writer wants them. */
    static MetricSnapshots snapshots(Overview overview, MetricsSettings settings, long nowNanos) {
        List<MetricSnapshot> all = new ArrayList<>();
        OverviewMetrics.render(overview, settings.maxPairsPerProfile(), nowNanos, all);
        if (settings.includeJvm()) {
            JvmMetrics.render(all);
        }
        return new MetricSnapshots(all);
    }

    /** The text of one scrape, UTF-8. */
    static byte[] render(Overview overview, MetricsSettings settings, long nowNanos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            WRITER.write(out, snapshots(overview, settings, nowNanos));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }
}
