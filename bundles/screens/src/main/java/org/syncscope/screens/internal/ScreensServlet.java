package org.syncscope.screens.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.syncscope.screens.Screens;
import org.syncscope.screens.UnknownProfileException;

/**
 * The screens over HTTP, read only: {@code /syncscope/screens/} an index, {@code .../NAME.bob} a
 * fixed screen, {@code .../profile/NAME.bob} (or {@code .../generated/NAME.bob}) a profile's screen
 * generated now. Any other path is
 * 404, any method but GET 405.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + Screens.HTTP_PATH + "*",
        "osgi.http.whiteboard.servlet.name=syncscope-screens"})
public class ScreensServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String PROFILE = "profile/";
    /** The same as profile/: where the overview screen's button finds it both in screens/ of the server and over HTTP. */
    private static final String GENERATED = "generated/";
    private static final String BOB = ".bob";

    @Reference
    private transient Screens screens;

    public ScreensServlet() {
    }

    /** For tests. */
    ScreensServlet(Screens screens) {
        this.screens = screens;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getMethod() + " not allowed: the screens are read only (GET)");
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty()) {
            send(response, "text/html", index());
        } else if ((path.startsWith(PROFILE) || path.startsWith(GENERATED)) && path.endsWith(BOB)) {
            String name = path.substring(path.indexOf('/') + 1, path.length() - BOB.length());
            try {
                send(response, "application/xml", screens.profileScreen(name));
            } catch (UnknownProfileException e) {
                plain(response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            } catch (IllegalStateException notRunning) {
                plain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, notRunning.getMessage());
            }
        } else {
            Optional<String> fixed = path.contains("/") ? Optional.empty() : screens.fixed(path);
            if (fixed.isPresent()) {
                send(response, "application/xml", fixed.get());
            } else {
                plain(response, HttpServletResponse.SC_NOT_FOUND, "no screen " + Screens.HTTP_PATH + path + " (the index "
                        + Screens.HTTP_PATH + " lists them)");
            }
        }
    }

    private String index() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Syncscope screens</title>"
                + "</head><body>\n<h1>Syncscope screens</h1>\n<p>Phoebus Display Builder files: open a link's URL in Phoebus "
                + "(File, Open), or save it.</p>\n<h2>Fixed screens</h2>\n<ul>\n");
        for (String name : screens.fixedNames()) {
            html.append("<li><a href=\"").append(name).append("\">").append(name).append("</a></li>\n");
        }
        html.append("</ul>\n<h2>Sync profiles (generated from the configuration now)</h2>\n<ul>\n");
        for (String name : screens.runningProfiles()) {
            String file = PROFILE + name + BOB;
            html.append("<li><a href=\"").append(XmlNode.escape(file)).append("\">").append(XmlNode.escape(file)).append("</a></li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    private static void send(HttpServletResponse response, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type + "; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
