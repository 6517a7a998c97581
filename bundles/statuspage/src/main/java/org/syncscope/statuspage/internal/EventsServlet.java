package org.syncscope.statuspage.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code /syncscope/events}: Server-Sent Events, one {@code data:} event with the snapshot's JSON
 * per push of {@link SnapshotPush}; 503 once {@code maxClients} streams are open. Registered on
 * the HTTP whiteboard by {@link SnapshotPush}, with {@link #whiteboard()}'s properties.
 */
final class EventsServlet extends GetOnlyServlet {

    private static final long serialVersionUID = 1L;

    private final transient SnapshotPush push;

    EventsServlet(SnapshotPush push) {
        this.push = push;
    }

    /** Its whiteboard service properties: the path, and async mode for the open streams. */
    static Dictionary<String, Object> whiteboard() {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("osgi.http.whiteboard.servlet.pattern", "/syncscope/events");
        p.put("osgi.http.whiteboard.servlet.name", "syncscope-statuspage-events");
        p.put("osgi.http.whiteboard.servlet.asyncSupported", "true");
        return p;
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
