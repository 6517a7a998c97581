package org.syncscope.eventsystem.mrf.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.ErrorHandler;
import org.syncscope.api.eventsystem.EventHandler;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.eventsystem.mrf.MrfEventState;

/**
 * An MRF event receiver seen through its mrfioc2 IOC: the receiver's status records and one
 * counter record ({@code $(EN)Cnt-I}) per followed event, read with a {@link PvSource}. Each fresh
 * update of a counter is one event; the counter's time stamp is the event's hardware time (its
 * TSEL is the event record's TIME, which the hardware stamped), so the event's ticks are ns since
 * the hardware time of the last sync event delivered. There is no tick counter to read.
 *
 * <p>Every source callback is handed to one thread ({@code thread}, the driver's delivery
 * thread), which alone changes the state and calls the handlers, one call at a time, holding no
 * lock; the queries read the state under this object's lock.
 */
final class MrfEventSystem implements EventSystemDriver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MrfEventSystem.class);

    /** mrfioc2's event codes are 8 bits. */
    static final int NUMBER_OF_EVENTS = 256;
    /** Ticks are ns: the events' time stamps are exact to the ns the IOC gives. */
    static final int CLOCK_RATE_HZ = 1_000_000_000;

    private final MrfSettings settings;
    private final String origin;
    private final PvSource source;
    private final Executor thread;
    private final Supplier<String> boundProtocol;
    private final List<EventHandler> eventHandlers = new CopyOnWriteArrayList<>();
    private final List<ErrorHandler> errorHandlers = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();

    // --- guarded by this; changed on the delivery thread only
    /** Every PV read, in subscription order: the receiver's, then each event's counter. */
    private final Map<String, PvState> pvs = new LinkedHashMap<>();
    private final Map<ReceiverPv, PvState> receiverPvs = new EnumMap<>(ReceiverPv.class);
    private final Map<Integer, EventCounter> counters = new LinkedHashMap<>();
    private final Map<ReceiverPv, Long> errorCounts = new EnumMap<>(ReceiverPv.class);
    /** How much each error counter went up while this driver watched it. */
    private final Map<ReceiverPv, Long> errorsSeen = new EnumMap<>(ReceiverPv.class);
    private Integer link;
    private Integer pll;
    private Integer timeValid;
    private Double clockMHz;
    private String timeSource;
    private String timeText = "";
    private boolean haveSync;
    private long lastSyncNanos;
    private long missedTotal;
    private boolean outageReported;
    private boolean notFoundReported;
    private boolean closed;

    /**
     * @param origin        the configuration file, for log lines
     * @param thread        runs the callbacks one at a time, in order: the delivery thread
     * @param boundProtocol the protocol of the PV source bound now, or null while none is
     */
    MrfEventSystem(MrfSettings settings, String origin, PvSource source, Executor thread, Supplier<String> boundProtocol) {
        this.settings = settings;
        this.origin = origin;
        this.source = source;
        this.thread = thread;
        this.boundProtocol = boundProtocol;
        for (ReceiverPv r : ReceiverPv.values()) {
            PvState s = new PvState(r.pv(settings.prefix()));
            pvs.put(s.name, s);
            receiverPvs.put(r, s);
        }
        for (FollowedEvent e : settings.events()) {
            PvState s = new PvState(e.counterPv());
            pvs.put(s.name, s);
            counters.put(e.code(), new EventCounter(e, s));
        }
    }

    /**
     * Subscribes every PV (the source returns at once).
     *
     * @throws IllegalArgumentException if the bound source refuses a name (the message names it)
     */
    void start() {
        List<String> names;
        synchronized (this) {
            names = List.copyOf(pvs.keySet());
        }
        try {
            for (String name : names) {
                Subscription s = source.subscribe(name, new Listener(name));
                synchronized (this) {
                    subscriptions.add(s);
                }
            }
        } catch (IllegalArgumentException refused) {
            close();
            throw refused;
        }
    }

    /** Closes the subscriptions; callbacks still queued are dropped. */
    @Override
    public void close() {
        List<Subscription> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(subscriptions);
            subscriptions.clear();
        }
        open.forEach(Subscription::close);
    }

    String name() {
        return settings.name();
    }

    MrfSettings settings() {
        return settings;
    }

    // --- EventSystemDriver

    /** Nothing to prepare: the PVs are subscribed already; whether the receiver works is {@link #hasReceiver()}'s question. */
    @Override
    public void init() {
    }

    /** Every PV connected, the link OK and the timestamps valid. */
    @Override
    public synchronized boolean hasReceiver() {
        return pvs.values().stream().allMatch(p -> p.connected) && is(link, 1) && is(timeValid, 1);
    }

    @Override
    public int numberOfEvents() {
        return NUMBER_OF_EVENTS;
    }

    @Override
    public int syncEventNumber() {
        return settings.syncEvent();
    }

    @Override
    public int clockRateHz() {
        return CLOCK_RATE_HZ;
    }

    @Override
    public boolean hasTickCounter() {
        return false;
    }

    @Override
    public long ticksSinceReset() throws EventSystemException {
        throw new EventSystemException("mrf " + settings.name() + ": no tick counter to read: mrfioc2 publishes none "
                + "(each event comes with its hardware time stamp; between sync events the timestamp driver runs "
                + "time on the host's monotonic clock)");
    }

    @Override
    public Registration registerEventHandler(EventHandler handler) {
        eventHandlers.add(handler);
        return () -> eventHandlers.remove(handler);
    }

    @Override
    public Registration registerErrorHandler(ErrorHandler handler) {
        errorHandlers.add(handler);
        return () -> errorHandlers.remove(handler);
    }

    @Override
    public void forceSync() throws EventSystemException {
        throw new EventSystemException("mrf " + settings.name() + ": an event receiver cannot send events "
                + "(the sync event " + settings.syncEvent() + " comes from the event generator)");
    }

    @Override
    public boolean hasDirectTime() {
        return true;
    }

    /** The hardware time of the last sync event delivered: its counter's time stamp. */
    @Override
    public synchronized long directTimeNanos() throws EventSystemException {
        if (!haveSync) {
            throw new EventSystemException("mrf " + settings.name() + ": no sync event (" + settings.syncEvent()
                    + ") seen yet");
        }
        if (!is(timeValid, 1)) {
            throw new EventSystemException("mrf " + settings.name() + ": the receiver's timestamps are "
                    + (timeValid == null ? "unknown (" + receiverPvs.get(ReceiverPv.TIME_VALID).name + " not connected)"
                    : "invalid (Time:Valid-Sts Invalid)"));
        }
        return lastSyncNanos;
    }

    /**
     * E.g. {@code mrf EVR1 (TST{EVR:1}, ca): link OK, PLL OK, timestamps valid, clock 124.916 MHz,
     * 0 events missed}, with what is wrong first.
     */
    @Override
    public synchronized String describe() {
        String protocol = boundProtocol.get();
        StringBuilder d = new StringBuilder("mrf ").append(settings.name()).append(" (").append(settings.prefix())
                .append(", ").append(protocol != null ? protocol : settings.protocol() + ": no PV source bound").append("): ");
        List<String> notConnected = notConnected();
        if (!notConnected.isEmpty()) {
            List<String> never = pvs.values().stream().filter(p -> !p.connected && !p.everConnected).map(p -> p.name).toList();
            List<String> lost = pvs.values().stream().filter(p -> !p.connected && p.everConnected).map(p -> p.name).toList();
            if (!never.isEmpty()) {
                d.append(notFoundReported ? "not found after " + settings.connectTimeoutSeconds() + " s: "
                        : "connecting: ").append(String.join(", ", never)).append("; ");
            }
            if (!lost.isEmpty()) {
                d.append("disconnected (IOC gone?): ").append(String.join(", ", lost)).append("; ");
            }
        }
        d.append("link ").append(label(link, "Fail", "OK"))
                .append(", PLL ").append(label(pll, "Error", "OK"))
                .append(", timestamps ").append(label(timeValid, "invalid", "valid"))
                .append(", clock ").append(clockMHz == null ? "?" : String.format(java.util.Locale.ROOT, "%.3f", clockMHz))
                .append(" MHz");
        if (timeSource != null) {
            d.append(", time source ").append(timeSource);
        }
        errorsSeen.forEach((counter, n) -> d.append(", ").append(n).append(' ').append(counterWords(counter)));
        d.append(", ").append(missedTotal).append(missedTotal == 1 ? " event missed" : " events missed");
        if (!haveSync && notConnected.isEmpty()) {
            d.append(", waiting for the first sync event (").append(settings.syncEvent()).append(')');
        }
        return d.toString();
    }

    /** The receiver's {@code Time-I} text: its time at the last seconds event. */
    synchronized String lastSecond() {
        return timeText;
    }

    /** Each followed event's counter, in configuration order. */
    synchronized List<MrfEventState> events() {
        return counters.values().stream().map(c -> new MrfEventState(c.event.code(), c.event.counterPv(), c.pv.connected,
                c.counter, c.stampNanos, c.userTag, c.delivered, c.missed)).toList();
    }

    /**
     * The connect timeout passed: one ERROR line naming every PV that never connected (nothing
     * if all did). Runs on the delivery thread.
     */
    void checkConnections() {
        String message;
        synchronized (this) {
            if (closed) {
                return;
            }
            List<String> never = pvs.values().stream().filter(p -> !p.everConnected).map(p -> p.name).toList();
            if (never.isEmpty()) {
                return;
            }
            notFoundReported = true;
            String protocol = boundProtocol.get();
            message = protocol == null
                    ? "no PV source matches source.target (" + settings.protocol() + ") after "
                    + settings.connectTimeoutSeconds() + " s: is its feature installed? Not read: " + String.join(", ", never)
                    : never.size() + " of " + pvs.size() + " PVs not found over " + protocol + " after "
                    + settings.connectTimeoutSeconds() + " s: " + String.join(", ", never)
                    + " (check prefix and events, and that the IOC runs and is reachable)";
        }
        LOG.error("mrf {} ({}): {}", settings.name(), origin, message);
        report(MrfError.NOT_FOUND, message);
    }

    // --- callbacks, on the delivery thread

    private void onConnection(String name, boolean connected) {
        String lost = null;
        boolean back = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            PvState pv = pvs.get(name);
            pv.connected = connected;
            pv.fresh = false;
            if (connected) {
                pv.everConnected = true;
                // back: every PV that was ever there is there again (one never found stays in the state)
                if (outageReported && pvs.values().stream().filter(p -> p.everConnected).allMatch(p -> p.connected)) {
                    back = true;
                    outageReported = false;
                }
                if (notFoundReported && notConnected().isEmpty()) {
                    back = true;
                    notFoundReported = false;
                }
            } else {
                forget(name);
                if (!outageReported) {
                    outageReported = true;
                    lost = name;
                }
            }
        }
        if (back) {
            LOG.info("mrf {}: connected again", settings.name());
        }
        if (lost != null) {
            String message = boundProtocol.get() == null
                    ? lost + " disconnected: the PV source went away (source.target " + settings.protocol()
                    + "); the receiver is not read until one is bound"
                    : lost + " disconnected: the IOC is gone or unreachable; the receiver is not read until it is back";
            LOG.warn("mrf {}: {}", settings.name(), message);
            report(MrfError.DISCONNECTED, message);
        }
    }

    private void onUpdate(String name, PvUpdate u) {
        List<Runnable> calls = new ArrayList<>(2);
        synchronized (this) {
            PvState pv = pvs.get(name);
            if (closed || pv == null || !pv.connected) {
                return;
            }
            // the first update after each connect is the record's current value, not a change
            boolean fresh = pv.fresh;
            pv.fresh = true;
            ReceiverPv r = receiverOf(pv);
            if (r != null) {
                receiverUpdate(r, u, fresh, calls);
            }
            EventCounter c = counterOf(pv);
            if (c != null) {
                counterUpdate(c, u, fresh, calls);
            }
        }
        calls.forEach(Runnable::run);
    }

    private void receiverUpdate(ReceiverPv r, PvUpdate u, boolean fresh, List<Runnable> calls) {
        Long n = integer(u.value());
        switch (r) {
            case LINK -> link = status(n, link, MrfError.LINK_FAIL, "the event link is down (" + r.pv(settings.prefix())
                    + " Fail): no events arrive", "the event link is OK again", calls);
            case PLL -> pll = status(n, pll, MrfError.PLL_ERROR, "the receiver's PLL lost lock (" + r.pv(settings.prefix())
                    + " Error)", "the PLL is locked again", calls);
            case TIME_VALID -> timeValid = status(n, timeValid, MrfError.TIMESTAMPS_INVALID, "the receiver's timestamps are "
                    + "invalid (" + r.pv(settings.prefix()) + " Invalid): its event times cannot be trusted",
                    "the timestamps are valid again", calls);
            case TIME -> timeText = u.value() instanceof PvValue.StringValue s ? s.value() : String.valueOf(n);
            case CLOCK -> clockMHz = u.value() instanceof PvValue.DoubleValue v ? v.value() : n == null ? null : (double) n;
            case TIME_SOURCE -> timeSource = timeSourceLabel(u.value(), n);
            default -> errorCounter(r, n, fresh, calls);
        }
    }

    /** A status bit (1 good, 0 bad): reported once each time it turns bad, or is bad when first read. */
    private Integer status(Long n, Integer before, MrfError error, String message, String recovered, List<Runnable> calls) {
        Integer now = n == null ? null : n == 0 ? 0 : 1;
        if (is(now, 0) && !is(before, 0)) {
            calls.add(() -> {
                LOG.warn("mrf {}: {}", settings.name(), message);
                report(error, message);
            });
        } else if (is(now, 1) && is(before, 0)) {
            calls.add(() -> LOG.info("mrf {}: {}", settings.name(), recovered));
        }
        return now;
    }

    private void errorCounter(ReceiverPv r, Long n, boolean fresh, List<Runnable> calls) {
        if (n == null) {
            return;
        }
        Long before = errorCounts.put(r, n);
        if (fresh && before != null && n > before) {
            long more = n - before;
            errorsSeen.merge(r, more, Long::sum);
            String message = r.pv(settings.prefix()) + " went up by " + more + " to " + n + ": "
                    + MrfError.ofCounter(r).meaning;
            calls.add(() -> {
                LOG.warn("mrf {}: {}", settings.name(), message);
                report(MrfError.ofCounter(r), message);
            });
        }
        // a lower count is a restarted IOC's: the new count is the baseline
    }

    private void counterUpdate(EventCounter c, PvUpdate u, boolean fresh, List<Runnable> calls) {
        Long n = integer(u.value());
        if (n == null) {
            return;
        }
        long before = c.counter;
        c.counter = n;
        c.stampNanos = u.sourceTimeNanos();
        c.userTag = Integer.toUnsignedLong(u.userTag());
        if (!fresh) {
            return;
        }
        if (before >= 0 && n - before > 1) {
            // counted and shown (describe(), eventsystem:mrf), not reported as an error: a monitor that
            // coalesced updates says nothing against the receiver's time, and the timestamp driver
            // would revert to soft time for every error
            long skipped = n - before - 1;
            c.missed += skipped;
            missedTotal += skipped;
            String message = "event " + c.event.code() + " (" + c.event.counterPv() + ") went from " + before + " to " + n
                    + ": " + skipped + (skipped == 1 ? " event" : " events")
                    + " missed (the IOC's monitor coalesced them, or they were lost)";
            calls.add(() -> LOG.debug("mrf {}: {}", settings.name(), message));
        }
        if (!is(link, 1) || !is(timeValid, 1)) {
            return;     // the link is down or the receiver says its time stamps are invalid: not event times
        }
        int code = c.event.code();
        long ticks;
        if (code == settings.syncEvent()) {
            haveSync = true;
            lastSyncNanos = u.sourceTimeNanos();
            ticks = 0;
        } else if (haveSync) {
            // may be < 0 if the update overtook the sync's: sync time + ticks is still the event's time
            ticks = u.sourceTimeNanos() - lastSyncNanos;
        } else {
            return;     // no base for its ticks yet; the README says so
        }
        c.delivered++;
        long tag = c.userTag;
        calls.add(() -> deliver(code, ticks, tag));
    }

    // --- helpers

    private void deliver(int code, long ticks, long userTag) {
        for (EventHandler h : eventHandlers) {
            try {
                h.onEvent(code, ticks, userTag);
            } catch (RuntimeException e) {
                LOG.warn("mrf {}: event handler failed on event {}", settings.name(), code, e);
            }
        }
    }

    private void report(MrfError error, String message) {
        for (ErrorHandler h : errorHandlers) {
            try {
                h.onError(error.code, "mrf " + settings.name() + ": " + message);
            } catch (RuntimeException e) {
                LOG.warn("mrf {}: error handler failed on error {}", settings.name(), error.code, e);
            }
        }
    }

    /** A disconnected PV's value is not known any more. */
    private void forget(String name) {
        ReceiverPv r = receiverOf(pvs.get(name));
        if (r == null) {
            return;
        }
        switch (r) {
            case LINK -> link = null;
            case PLL -> pll = null;
            case TIME_VALID -> timeValid = null;
            case CLOCK -> clockMHz = null;
            case TIME_SOURCE -> timeSource = null;
            default -> {
                // the error counters and the time text keep their last values (the counters as the baseline)
            }
        }
    }

    private ReceiverPv receiverOf(PvState pv) {
        for (Map.Entry<ReceiverPv, PvState> e : receiverPvs.entrySet()) {
            if (e.getValue() == pv) {
                return e.getKey();
            }
        }
        return null;
    }

    private EventCounter counterOf(PvState pv) {
        for (EventCounter c : counters.values()) {
            if (c.pv == pv) {
                return c;
            }
        }
        return null;
    }

    private List<String> notConnected() {
        return pvs.values().stream().filter(p -> !p.connected).map(p -> p.name).toList();
    }

    private static boolean is(Integer value, int expected) {
        return value != null && value == expected;
    }

    private static String label(Integer value, String zero, String one) {
        return value == null ? "?" : value == 0 ? zero : one;
    }

    private static Long integer(PvValue v) {
        if (v instanceof PvValue.DoubleValue d) {
            return Double.isFinite(d.value()) ? Math.round(d.value()) : null;
        }
        if (v instanceof PvValue.LongValue l) {
            return l.value();
        }
        if (v instanceof PvValue.EnumValue e) {
            return (long) e.index();
        }
        if (v instanceof PvValue.StringValue s) {
            try {
                return Long.parseLong(s.value().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /** The mbbo's label; mrfioc2's own labels where the source gives only the index. */
    private static String timeSourceLabel(PvValue v, Long n) {
        if (v instanceof PvValue.EnumValue e && e.label() != null && !e.label().isBlank()) {
            return e.label();
        }
        if (n == null) {
            return null;
        }
        return switch (n.intValue()) {
            case 0 -> "Event clock";
            case 1 -> "Mapped code(s)";
            case 2 -> "DBus 4";
            default -> "#" + n;
        };
    }

    private static String counterWords(ReceiverPv counter) {
        return switch (counter) {
            case RX_ERRORS -> "receive errors";
            case LINK_TIMEOUTS -> "link timeouts";
            case HW_OVERFLOWS -> "FIFO overflows";
            default -> "FIFO over-rates";
        };
    }

    /** One PV's connection. */
    private static final class PvState {
        final String name;
        boolean connected;
        boolean everConnected;
        /** Whether the next update is a change (false until the current value after a connect has come). */
        boolean fresh;

        PvState(String name) {
            this.name = name;
        }
    }

    /** A followed event's counter as last read. */
    private static final class EventCounter {
        final FollowedEvent event;
        final PvState pv;
        long counter = -1;
        long stampNanos;
        long userTag;
        long delivered;
        long missed;

        EventCounter(FollowedEvent event, PvState pv) {
            this.event = event;
            this.pv = pv;
        }
    }

    /** Hands the source's callbacks for one PV to the delivery thread. */
    private final class Listener implements PvListener {
        private final String name;

        Listener(String name) {
            this.name = name;
        }

        @Override
        public void onUpdate(PvUpdate update) {
            thread.execute(() -> MrfEventSystem.this.onUpdate(name, update));
        }

        @Override
        public void onConnectionChanged(String pvName, boolean connected) {
            thread.execute(() -> onConnection(name, connected));
        }
    }
}
