package org.syncscope.statuspage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.overview.Overview;
import org.syncscope.overview.SiteOverview;

/**
 * Pushes the site's snapshot to every open event stream at {@code pushRateHz}, from one thread
 * ({@code statuspage-push}) for all of them. It ticks only while a stream is open, and then takes
 * one snapshot per tick and turns it into JSON once for all. Writes never block: a stream still
 * busy with an earlier event misses the tick, and one that misses {@value #MAX_MISSED} ticks in a
 * row, or fails a write, is dropped.
 *
 * <p>It registers the {@link EventsServlet} itself, with fixed properties: as a component of its
 * own the servlet would carry this configuration's properties on its service, and every edit
 * would make the HTTP whiteboard register it anew, ending every open stream.
 */
@Component(service = {}, immediate = true, configurationPid = StatusPageConfig.PID)
@Designate(ocd = StatusPageConfig.class)
public final class SnapshotPush {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPush.class);
    static final String THREAD = "statuspage-push";
    static final int MAX_MISSED = 5;
    private static final long STOP_WAIT_MS = 5000;

    private final Supplier<Overview> overview;
    private final ScheduledExecutorService timer;
    // guarded by this
    private final Map<EventClient, int[]> missed = new LinkedHashMap<>();
    private PushSettings settings;
    private ScheduledFuture<?> ticking;
    private boolean closed;
    private volatile long snapshots;

    private ServiceRegistration<Servlet> servlet;

    @Activate
    public SnapshotPush(@Reference SiteOverview site, StatusPageConfig config, Map<String, Object> properties,
                        BundleContext context) {
        this(site::snapshot, initial(config, properties));
        servlet = context.registerService(Servlet.class, new EventsServlet(this), EventsServlet.whiteboard());
    }

    SnapshotPush(Supplier<Overview> overview, PushSettings settings) {
        this.overview = overview;
        this.settings = settings;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD);
            t.setDaemon(true);
            return t;
        });
        LOG.info("status page: pushing snapshots at {} Hz to at most {} event clients", settings.rateHz(), settings.maxClients());
    }

    private static PushSettings initial(StatusPageConfig config, Map<String, Object> properties) {
        try {
            return PushSettings.of(config, properties);
        } catch (IllegalArgumentException bad) {
            LOG.error("status page: configuration refused, the defaults apply: {}", bad.getMessage());
            return PushSettings.DEFAULTS;
        }
    }

    @Modified
    void modified(StatusPageConfig config, Map<String, Object> properties) {
        PushSettings next;
        try {
            next = PushSettings.of(config, properties);
        } catch (IllegalArgumentException bad) {
            LOG.error("status page: change refused, previous settings stay ({} Hz, {} clients): {}",
                    settings().rateHz(), settings().maxClients(), bad.getMessage());
            return;
        }
        synchronized (this) {
            if (next.equals(settings)) {
                return;
            }
            boolean rateChanged = next.rateHz() != settings.rateHz();
            settings = next;
            if (rateChanged && ticking != null) {
                ticking.cancel(false);
                ticking = null;
                startTicking();
            }
        }
        // streams beyond a lowered maxClients stay open; newcomers wait until fewer are open
        LOG.info("status page: pushing snapshots at {} Hz to at most {} event clients", next.rateHz(), next.maxClients());
    }

    synchronized PushSettings settings() {
        return settings;
    }

    /**
     * Opens a stream with {@code open} and adds it, unless {@code maxClients} are open already;
     * then returns null and opens nothing.
     */
    EventClient admit(Opener open) throws IOException {
        synchronized (this) {
            if (closed || missed.size() >= settings.maxClients()) {
                return null;
            }
            EventClient client = open.open();
            missed.put(client, new int[1]);
            if (ticking == null) {
                startTicking();
            }
            return client;
        }
    }

    /** Opens an event stream. */
    interface Opener {
        EventClient open() throws IOException;
    }

    /** Forgets a stream that ended (the browser went away, the container closed it). */
    void remove(EventClient client) {
        synchronized (this) {
            if (missed.remove(client) != null && missed.isEmpty() && ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
        }
    }

    synchronized int clients() {
        return missed.size();
    }

    /** Whether the push is scheduled (only while a stream is open). */
    synchronized boolean ticking() {
        return ticking != null;
    }

    /** Snapshots taken for the streams since the start. */
    long snapshots() {
        return snapshots;
    }

    // guarded by this
    private void startTicking() {
        long period = settings.periodNanos();
        ticking = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    void tick() {
        List<EventClient> now;
        synchronized (this) {
            if (missed.isEmpty()) {
                return;
            }
            now = new ArrayList<>(missed.keySet());
        }
        byte[] event;
        try {
            event = ("data: " + OverviewJson.of(overview.get()) + "\n\n").getBytes(StandardCharsets.UTF_8);
            snapshots++;
        } catch (RuntimeException e) {
            // a failing snapshot must not end the schedule: the next tick tries again
            LOG.warn("status page: no snapshot to push: {}", e.toString());
            return;
        }
        for (EventClient client : now) {
            push(client, event);
        }
    }

    private void push(EventClient client, byte[] event) {
        int[] misses;
        synchronized (this) {
            misses = missed.get(client);
        }
        if (misses == null) {
            return;
        }
        try {
            if (!client.ready()) {
                if (++misses[0] >= MAX_MISSED) {
                    drop(client, "it is " + MAX_MISSED + " events behind");
                }
                return;
            }
            client.send(event);
            misses[0] = 0;
        } catch (IOException | RuntimeException e) {
            drop(client, "writing failed: " + e.getMessage());
        }
    }

    private void drop(EventClient client, String why) {
        LOG.info("status page: dropped event client {}: {}", client, why);
        remove(client);
        client.close();
    }

    /** Withdraws the servlet, stops the thread and ends every stream. */
    @Deactivate
    void close() {
        if (servlet != null) {
            try {
                servlet.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework withdrew it first
            }
            servlet = null;
        }
        List<EventClient> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(missed.keySet());
            missed.clear();
            ticking = null;
        }
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("status page: thread {} did not end within {} ms", THREAD, STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(EventClient::close);
    }
}
