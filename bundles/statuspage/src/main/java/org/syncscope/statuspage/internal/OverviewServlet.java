package org.syncscope.statuspage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.syncscope.overview.SiteOverview;

/** {@code /syncscope/api/overview}: the latest snapshot as JSON ({@link OverviewJson}). */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/syncscope/api/overview",
        "osgi.http.whiteboard.servlet.name=syncscope-statuspage-overview"})
public final class OverviewServlet extends GetOnlyServlet {

    private static final long serialVersionUID = 1L;

    private final transient SiteOverview overview;

    @Activate
    public OverviewServlet(@Reference SiteOverview overview) {
        this.overview = overview;
    }

    @Override
    void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] json = OverviewJson.of(overview.snapshot()).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json; charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(json.length);
        resp.getOutputStream().write(json);
    }
}
