package org.syncscope.metrics.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.overview.Overview;
import org.syncscope.overview.SiteOverview;

/**
 * {@code GET /metrics}: one {@link SiteOverview} snapshot rendered in Prometheus text format
 * 0.0.4. Nothing runs between scrapes. The Accept header is not negotiated: every Prometheus
 * server reads the text format, so it is the one answer (OpenMetrics or protobuf requests get it
 * too). Any other method is 405.
 *
 * <p>An edit of {@code etc/org.syncscope.metrics.cfg} applies at the next scrape; one with a bad
 * value is refused with an ERROR naming the key, and the previous settings stay.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfig.PID, immediate = true,
        property = {"osgi.http.whiteboard.servlet.pattern=/metrics", "osgi.http.whiteboard.servlet.name=syncscope-metrics"})
@Designate(ocd = MetricsConfig.class)
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient SiteOverview overview;
    private transient volatile MetricsSettings settings = MetricsSettings.DEFAULTS;

    @Activate
    public MetricsServlet(@Reference SiteOverview overview, MetricsConfig config, Map<String, Object> properties) {
        this.overview = overview;
        configure(config, properties);
    }

    @Modified
    void modified(MetricsConfig config, Map<String, Object> properties) {
        configure(config, properties);
    }

    private void configure(MetricsConfig config, Map<String, Object> properties) {
        try {
            MetricsSettings s = MetricsSettings.of(config, properties);
            if (!s.equals(settings)) {
                LOG.info("metrics: {}", s);
            }
            settings = s;
        } catch (IllegalArgumentException bad) {
            LOG.error("metrics: configuration refused, previous settings stay ({}): {}", settings, bad.getMessage());
        }
    }

    /** The settings in force (for tests). */
    MetricsSettings settings() {
        return settings;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getMethod() + " not allowed: /metrics is read-only (GET)\n");
            return;
        }
        byte[] body;
        try {
            Overview snapshot = overview.snapshot();
            body = MetricsText.render(snapshot, settings, System.currentTimeMillis() * 1_000_000L);
        } catch (RuntimeException e) {
            LOG.warn("metrics: scrape failed", e);
            plain(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "metrics unavailable: " + e + "\n");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MetricsText.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }
}
