package org.syncscope.statuspage.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /syncscope/events}: Server-Sent Events, one {@code data:} event with the snapshot's JSON
 * per push of {@link SnapshotPush}; 503 once {@code maxClients} streams are open.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/syncscope/events",
        "osgi.http.whiteboard.servlet.name=syncscope-statuspage-events",
        "osgi.http.whiteboard.servlet.asyncSupported=true"})
public final class EventsServlet extends GetOnlyServlet {

    private static final long serialVersionUID = 1L;

    private final transient SnapshotPush push;

    @Activate
    public EventsServlet(@Reference SnapshotPush push) {
        this.push = push;
    }

    @Override
    void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EventClient client = push.admit(() -> SseClient.open(req, resp, push::remove));
        if (client == null) {
            int max = push.settings().maxClients();
            resp.setHeader("Retry-After", "10");
            plain(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the status page serves at most " + max
                    + " event streams and all are in use (maxClients in etc/org.syncscope.statuspage.cfg); try again later");
        }
    }
}
