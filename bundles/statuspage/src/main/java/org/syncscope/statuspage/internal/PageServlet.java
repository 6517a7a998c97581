package org.syncscope.statuspage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * {@code /syncscope/}: the page and its scripts and styles, from the bundle's resources (uPlot
 * among them, packaged at build time). Only the files listed here are served; any other path
 * under {@code /syncscope/} is 404.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/syncscope/*",
        "osgi.http.whiteboard.servlet.name=syncscope-statuspage-page"})
public final class PageServlet extends GetOnlyServlet {

    private static final long serialVersionUID = 1L;
    static final String RESOURCES = "/org/syncscope/statuspage/web/";

    /** Path under /syncscope/ to its resource and content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=UTF-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=UTF-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=UTF-8"},
            "/vendor/uPlot.iife.min.js", new String[] {"vendor/uPlot.iife.min.js", "text/javascript; charset=UTF-8"},
            "/vendor/uPlot.min.css", new String[] {"vendor/uPlot.min.css", "text/css; charset=UTF-8"},
            "/vendor/uPlot.LICENSE", new String[] {"vendor/uPlot.LICENSE", "text/plain; charset=UTF-8"});

    @Override
    void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null) {
            // /syncscope without the slash: the page's relative links need it
            resp.sendRedirect(req.getRequestURI() + "/");
            return;
        }
        String[] file = FILES.get(path);
        InputStream in = file == null ? null : PageServlet.class.getResourceAsStream(RESOURCES + file[0]);
        if (in == null) {
            plain(resp, HttpServletResponse.SC_NOT_FOUND, "no such page: " + req.getRequestURI()
                    + " (the status page is /syncscope/, its data /syncscope/api/overview and /syncscope/events)");
            return;
        }
        try (in) {
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType(file[1]);
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }
}
