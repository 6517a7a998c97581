package org.syncscope.timestamp.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.ClockRole;
import org.syncscope.api.time.TimeEventListener;
import org.syncscope.api.time.TimeSource;
import org.syncscope.api.time.TimestampService;
import org.syncscope.api.time.TimestampStatus;

/**
 * The drvTS clock: soft or event-system (synchronous) time, the 256-entry event time table,
 * hardware-failure fallback and recovery. Plain Java with an injected clock, so every path is
 * testable without sleeping; {@link #tick()} is its once-a-second housekeeping. The event system
 * may change under a running clock ({@link #useDriver}, {@link #dropDriver}): time, the event
 * table, counters and listeners carry on, the soft clock bridging the gap.
 */
public final class TimestampEngine implements TimestampService {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampEngine.class);

    private final TimestampSettings settings;
    // the driver and what follows from it are guarded by this, and change only through useDriver/dropDriver
    private EventSystemDriver driver;
    private String driverName;
    private final NanoClock clock;
    private final Executor listenerThread;
    private final SoftClock soft;
    private final long[] table = new long[EVENT_COUNT];
    @SuppressWarnings("unchecked")
    private final List<TimeEventListener>[] listeners = new List[EVENT_COUNT];
    private boolean synchronousCapable;
    private String modeReason;
    private final List<Registration> driverRegistrations = new CopyOnWriteArrayList<>();
    /** Serialises driver changes; never held while the driver delivers to us. */
    private final Object rebind = new Object();
    private volatile int debug;

    // state below is guarded by this
    private boolean failed;
    private String failureReason = "";
    private long syncTime;
    private long syncCount;
    /** Whether the current driver has delivered a sync event: before it, its ticks mean nothing to us. */
    private boolean syncedOnDriver;
    private long lastResetMono;
    private long eventCount;
    private long lastTicks = -1;
    private int ticksUnchanged;
    private long lastSoftSyncMono;
    private long lastOffset;
    private long lastReturned;
    private long backwardsPrevented;
    private String masterAddress = "";
    private final boolean ntpConfigured;
    private boolean ntpLost;
    private String ntpServer = "";
    private long lastNtpMono = Long.MIN_VALUE / 2;
    private long lastNtpOffset;
    private long lastNtpDelay;
    private long ntpJitter;
    private long ntpSamples;
    private long lastMasterMono = Long.MIN_VALUE / 2;
    private long lastRoundTrip;
    private long pendingMasterSync;
    private long pendingMasterSyncMono = Long.MIN_VALUE / 2;
    private long syncSteps;

    /**
     * @param driver         the event system, or null when none is bound
     * @param listenerThread runs event listeners, one at a time, in event order
     */
    public TimestampEngine(TimestampSettings settings, EventSystemDriver driver, String driverName, NanoClock clock,
                           Executor listenerThread) {
        this.settings = settings;
        this.driver = driver;
        this.driverName = driverName;
        this.clock = clock;
        this.listenerThread = listenerThread;
        this.soft = new SoftClock(clock);
        this.debug = settings.debug();
        for (int i = 0; i < EVENT_COUNT; i++) {
            listeners[i] = new CopyOnWriteArrayList<>();
        }
        judgeDriver();
        lastResetMono = clock.monotonicNanos();
        lastSoftSyncMono = lastResetMono;
        ntpConfigured = !settings.ntpServers().isEmpty();
    }

    private void judgeDriver() {
        if (settings.forceSoft()) {
            synchronousCapable = false;
            modeReason = "forceSoft=true (TSconfigure type 1): event hardware never used";
        } else if (driver == null) {
            synchronousCapable = false;
            modeReason = "no event-system driver bound";
        } else if (!driver.hasReceiver()) {
            synchronousCapable = false;
            modeReason = "event-system driver " + driverName + " reports no receiver";
        } else {
            synchronousCapable = true;
            modeReason = "event receiver present (driver " + driverName + ")";
        }
    }

    /** Initialises the driver and starts taking its events. */
    public void start() throws EventSystemException {
        EventSystemDriver d;
        synchronized (this) {
            LOG.info("timestamp driver: {} {} — {}", synchronousCapable ? "synchronous" : "soft",
                    settings.master() ? "master" : "slave", modeReason);
            d = synchronousCapable ? driver : null;
        }
        if (d != null) {
            driverRegistrations.add(d.registerEventHandler(this::onEvent));
            driverRegistrations.add(d.registerErrorHandler(this::onError));
            d.init();
        }
    }

    /** Stops taking events. */
    public void stop() {
        driverRegistrations.forEach(Registration::close);
        driverRegistrations.clear();
    }

    /**
     * Follows another event system (null: none) without a restart: the clock goes on in soft time
     * from where event time was, and returns to event time at the new driver's first sync event.
     * A master asks the new generator for that sync at once. Runs {@code init()}, so call it off
     * SCR's thread.
     */
    public void useDriver(EventSystemDriver next, String name) {
        EventSystemDriver d;
        synchronized (rebind) {
            stop();
            synchronized (this) {
                leaveDriver();
                driver = next;
                driverName = name;
                judgeDriver();
                LOG.info("timestamp driver: event system now {}: {}", next == null ? "(none)" : name, modeReason);
                d = synchronousCapable ? driver : null;
            }
            if (d != null) {
                driverRegistrations.add(d.registerEventHandler(this::onEvent));
                driverRegistrations.add(d.registerErrorHandler(this::onError));
            }
        }
        if (d == null) {
            return;
        }
        try {
            d.init();
            if (settings.master()) {
                d.forceSync();
            }
        } catch (EventSystemException | RuntimeException e) {
            synchronized (this) {
                if (driver == d && !failed) {
                    fail("event system " + name + " did not start: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Stops using {@code gone} if it is the current driver (its service went away): soft time from
     * here, carried on from event time. Only touches memory, so SCR's unbind may call it.
     */
    public void dropDriver(EventSystemDriver gone) {
        synchronized (rebind) {
            synchronized (this) {
                if (driver != gone || gone == null) {
                    return;
                }
            }
            stop();
            synchronized (this) {
                leaveDriver();
                driver = null;
                synchronousCapable = false;
                modeReason = "event-system driver " + driverName + " went away; soft time until one is bound";
                LOG.warn("timestamp driver: {}", modeReason);
            }
        }
    }

    /** Under the lock: the soft clock takes over from event time, and the next driver starts unsynced. */
    private void leaveDriver() {
        if (synchronousNow() && syncedOnDriver) {
            try {
                soft.stepForwardTo(syncTime + ticksToNanos(driver.ticksSinceReset()));
            } catch (EventSystemException | RuntimeException unreadable) {
                // keep the soft clock where it is; time still never goes back
            }
        }
        syncedOnDriver = false;
        failed = false;
        failureReason = "";
        lastResetMono = clock.monotonicNanos();
        lastTicks = -1;
        ticksUnchanged = 0;
    }

    /** The event system in use, or null. */
    public synchronized EventSystemDriver driver() {
        return driver;
    }

    @Override
    public long currentTime() {
        synchronized (this) {
            return monotonic(rawCurrentTime());
        }
    }

    @Override
    public long eventTime(int event) {
        checkEvent(event, 0);
        synchronized (this) {
            if (event == 0 || !synchronousNow()) {
                return monotonic(rawCurrentTime());
            }
            return table[event];
        }
    }

    @Override
    public Registration addEventListener(int event, TimeEventListener listener) {
        checkEvent(event, 1);
        listeners[event].add(listener);
        return () -> listeners[event].remove(listener);
    }

    @Override
    public synchronized TimestampStatus status() {
        boolean sync = synchronousNow();
        boolean followsMaster = followsMaster();
        boolean ntp = ntpConfigured && !ntpLost && ntpSamples > 0 && !followsMaster;
        TimeSource source = sync ? TimeSource.EVENT_SYSTEM : followsMaster ? TimeSource.MASTER
                : ntp ? TimeSource.NTP : TimeSource.FREE_RUNNING;
        return new TimestampStatus(sync ? ClockMode.SYNCHRONOUS : ClockMode.SOFT,
                settings.master() ? ClockRole.MASTER : ClockRole.SLAVE,
                failed ? "hardware failure: " + failureReason + " (reverted to soft time)" : modeReason,
                source, followsMaster ? masterAddress : "", (sync && syncedOnDriver) || followsMaster || ntp, syncTime, lastOffset,
                backwardsPrevented);
    }

    /**
     * A soft slave's correction from its master (drvTS TSsyncTheTime): an offset up to one sync
     * period, and every backward one, is slewed so it is gone by the next sync; a larger forward
     * lag is stepped.
     */
    public synchronized void adjustToMaster(long offsetNanos, long roundTripNanos, String master) {
        if (offsetNanos > settings.syncPeriodNanos()) {
            soft.stepForwardTo(soft.now() + offsetNanos);
            LOG.warn("slave clock {} ns behind master {}: stepped forward", offsetNanos, master);
        } else {
            soft.slewBy(offsetNanos, settings.syncPeriodNanos());
        }
        lastOffset = offsetNanos;
        lastRoundTrip = roundTripNanos;
        masterAddress = master;
        lastMasterMono = clock.monotonicNanos();
        if (debug >= 1) {
            LOG.info("sync from master {}: offset {} ns, round trip {} ns", master, offsetNanos, roundTripNanos);
        }
    }

    /**
     * An NTP measurement (offset = server − us): the phase is slewed away over one sync period (a
     * lag beyond a period is stepped forward, never back), and half of the residual rate error is
     * folded into the clock's frequency, a simple frequency-locked loop in the NTPv4 manner. The
     * frequency is kept when NTP goes away, so the clock free-runs at its last correction.
     */
    public synchronized void adjustToNtp(long offsetNanos, long delayNanos, String server) {
        long mono = clock.monotonicNanos();
        long sinceLast = mono - lastNtpMono;
        if (ntpSamples > 0 && !ntpLost && sinceLast > 0 && sinceLast < 4 * settings.syncPeriodNanos()
                && Math.abs(offsetNanos) < settings.syncPeriodNanos()) {
            // what is left after last time's slew is rate error accumulated over sinceLast
            soft.setFrequencyPpb(soft.frequencyPpb() + 0.5 * offsetNanos * 1e9 / sinceLast);
        }
        if (offsetNanos > settings.syncPeriodNanos()) {
            soft.stepForwardTo(soft.now() + offsetNanos);
            LOG.warn("clock {} ns behind NTP server {}: stepped forward", offsetNanos, server);
        } else {
            soft.slewBy(offsetNanos, settings.syncPeriodNanos());
        }
        ntpJitter = ntpSamples == 0 ? 0 : (3 * ntpJitter + Math.abs(offsetNanos - lastNtpOffset)) / 4;
        if (ntpLost) {
            LOG.warn("NTP server {} answers again (offset {} ns): slewing back, alarm cleared", server, offsetNanos);
        }
        ntpLost = false;
        ntpServer = server;
        lastNtpOffset = offsetNanos;
        lastNtpDelay = delayNanos;
        lastOffset = offsetNanos;
        lastNtpMono = mono;
        ntpSamples++;
        if (debug >= 1) {
            LOG.info("NTP {}: offset {} ns, delay {} ns, jitter {} ns, frequency {} ppb", server, offsetNanos, delayNanos,
                    ntpJitter, Math.round(soft.frequencyPpb()));
        }
    }

    /**
     * A synchronous slave heard its master's sync time (drvTS TSsyncClient). If it belongs to the
     * sync this slave already took (within half a period), the slave's sync time is stepped to it
     * when they differ (logged); if this slave's own sync event has not come yet, it is kept for it.
     */
    public synchronized void onMasterSync(long masterSyncNanos) {
        if (!synchronousNow() || settings.master()) {
            return;
        }
        long mono = clock.monotonicNanos();
        if (syncedOnDriver && mono - lastResetMono < settings.syncPeriodNanos() / 2) {
            long diff = masterSyncNanos - syncTime;
            if (diff != 0) {
                syncTime = masterSyncNanos;
                table[driver.syncEventNumber()] = masterSyncNanos;
                syncSteps++;
                lastOffset = diff;
                if (debug >= 1 || Math.abs(diff) >= 1_000_000L) {
                    LOG.info("sync time stepped to the master's by {} ns", diff);
                }
            }
        } else {
            pendingMasterSync = masterSyncNanos;
            pendingMasterSyncMono = mono;
        }
    }

    /** Round trip of the last sync with the reference (master or NTP server), ns; 0 before one. */
    public synchronized long lastDelayNanos() {
        return followsMaster() ? lastRoundTrip : lastNtpDelay;
    }

    /** NTP jitter (smoothed change of successive offsets), ns. */
    public synchronized long jitterNanos() {
        return ntpJitter;
    }

    /** Times the sync time was stepped to a master's. */
    public synchronized long syncSteps() {
        return syncSteps;
    }

    /** The drvTS reply mask: bit 1 when this master has no trustworthy time. */
    public synchronized int replyMask() {
        return failed || ntpLost ? 0x2 : 0;
    }

    /** The last sync time (0 before the first), for the stamp server. */
    public synchronized long lastSyncNanos() {
        return syncTime;
    }

    /** Moves this clock forward by {@code nanos} at once (tests simulate a master being stepped). */
    public synchronized void stepForward(long nanos) {
        soft.stepForwardTo(soft.now() + nanos);
    }

    /** Whether an alarm is raised: hardware failure, or the NTP time source lost. */
    public synchronized boolean alarm() {
        return failed || ntpLost;
    }


    /** Events received since start. */
    public synchronized long eventCount() {
        return eventCount;
    }

    public void setDebug(int level) {
        if (level < 0) {
            throw new IllegalArgumentException("debug level must be 0 or more, got " + level);
        }
        debug = level;
    }

    public int debug() {
        return debug;
    }

    public TimestampSettings settings() {
        return settings;
    }

    /** ErForceSync: asks the generator for a sync event now. */
    public void forceSync() throws EventSystemException {
        EventSystemDriver d;
        synchronized (this) {
            if (!synchronousCapable) {
                throw new EventSystemException("no event system in use (" + modeReason + "): nothing to force");
            }
            d = driver;
        }
        d.forceSync();
    }

    /**
     * Housekeeping, about once a second: disciplines the soft clock to the host clock every sync
     * period, and watches the hardware (missing sync events, stopped ticks).
     */
    public synchronized void tick() {
        long mono = clock.monotonicNanos();
        boolean ntpInCharge = ntpConfigured && !followsMaster();
        if (ntpInCharge && ntpSamples > 0 && !ntpLost && mono - lastNtpMono > 3 * settings.syncPeriodNanos()) {
            ntpLost = true;
            LOG.error("timestamp driver: NTP lost ({} silent for {} s); free-running at {} ppb, alarm raised", ntpServer,
                    (mono - lastNtpMono) / 1_000_000_000L, Math.round(soft.frequencyPpb()));
        }
        // a clock following a master or NTP must not also be pulled towards the host clock
        if (!followsMaster() && !ntpConfigured && mono - lastSoftSyncMono >= settings.syncPeriodNanos()) {
            lastSoftSyncMono = mono;
            lastOffset = soft.syncToWall(settings.syncPeriodNanos());
            if (debug >= 1) {
                LOG.info("soft clock disciplined to the host clock: offset {} ns", lastOffset);
            }
        }
        if (!synchronousCapable || failed) {
            return;
        }
        if (mono - lastResetMono > settings.failureGraceNanos()) {
            fail("no sync event (0x" + Integer.toHexString(driver.syncEventNumber()) + ") for "
                    + (mono - lastResetMono) / 1_000_000_000L + " s");
            return;
        }
        try {
            long ticks = driver.ticksSinceReset();
            ticksUnchanged = ticks == lastTicks ? ticksUnchanged + 1 : 0;
            lastTicks = ticks;
            if (ticksUnchanged >= 2) {
                fail("tick counter stopped at " + ticks);
            }
        } catch (EventSystemException e) {
            fail("tick counter unreadable: " + e.getMessage());
        }
    }

    /** TSreport: configuration, mode, state, last sync and the event table. */
    public synchronized String report() {
        StringBuilder r = new StringBuilder();
        TimestampStatus s = status();
        r.append("Timestamp driver (drvTS)\n");
        r.append(String.format("  role %s, mode %s: %s%n", s.role(), s.mode(), s.modeReason()));
        r.append(String.format("  sync rate %d s, clock rate %d Hz, master port %d, slave port %d, timeout %d ms%n",
                settings.syncRateSeconds(), settings.clockRateHz(), settings.masterPort(), settings.slavePort(),
                settings.timeoutMs()));
        r.append(String.format("  event system %s, force soft %s, debug %d, failure grace %.1f s%n",
                driver == null ? "(none)" : driverName, settings.forceSoft(), debug, settings.failureGraceSeconds()));
        r.append(String.format("  in sync %s, alarm %s, syncs %d, events %d, soft clock offset %d ns, "
                + "backwards time prevented %d times%n", s.inSync(), failed, syncCount, eventCount, lastOffset,
                backwardsPrevented));
        r.append("  last sync ").append(syncCount == 0 ? "never" : iso(syncTime)).append('\n');
        if (ntpConfigured) {
            r.append(String.format("  NTP %s%s: offset %d ns, delay %d ns, jitter %d ns, frequency %.0f ppb, %d samples%n",
                    ntpServer.isEmpty() ? settings.ntpServers() : ntpServer, ntpLost ? " (LOST, free-running)" : "",
                    lastNtpOffset, lastNtpDelay, ntpJitter, soft.frequencyPpb(), ntpSamples));
        }
        if (!settings.master()) {
            r.append("  master ").append(followsMaster() ? masterAddress + ", last offset " + lastOffset
                    + " ns, round trip " + lastRoundTrip + " ns" : "none (masterAddresses '" + settings.masterAddresses()
                    + "')").append('\n');
        }
        r.append("  current time ").append(iso(monotonic(rawCurrentTime()))).append('\n');
        int seen = 0;
        for (int e = 1; e < EVENT_COUNT; e++) {
            if (table[e] != 0) {
                r.append(String.format("  event 0x%02X %s%n", e, iso(table[e])));
                seen++;
            }
        }
        r.append("  ").append(seen).append(" of 255 events seen\n");
        return r.toString();
    }

    // --- driver callbacks (the driver's thread) ---

    void onEvent(int event, long ticks) {
        if (event < 0 || event >= EVENT_COUNT) {
            LOG.warn("event system {} delivered event {} outside 0..255; ignored", driverName, event);
            return;
        }
        long time;
        synchronized (this) {
            if (!synchronousCapable) {
                return;   // a late event from a driver being let go
            }
            eventCount++;
            if (event == driver.syncEventNumber()) {
                time = syncTimeNow();
                // a synchronous slave that already heard its master's time for this sync adopts it
                if (!settings.master() && clock.monotonicNanos() - pendingMasterSyncMono < settings.syncPeriodNanos() / 2) {
                    time = pendingMasterSync;
                    pendingMasterSyncMono = Long.MIN_VALUE / 2;
                }
                if (failed) {
                    failed = false;
                    LOG.warn("event time resumed: stepped to {}; hardware alarm cleared", iso(time));
                    soft.stepForwardTo(time);
                }
                syncTime = time;
                syncCount++;
                syncedOnDriver = true;
                lastResetMono = clock.monotonicNanos();
                lastTicks = -1;
                ticksUnchanged = 0;
                if (debug >= 1) {
                    LOG.info("sync event 0x{}: time {}", Integer.toHexString(event), iso(time));
                }
            } else {
                time = !syncedOnDriver ? soft.now() : syncTime + ticksToNanos(ticks);
                if (debug >= 2) {
                    LOG.info("event 0x{} at {} ticks: {}", Integer.toHexString(event), ticks, iso(time));
                }
            }
            table[event] = time;
        }
        List<TimeEventListener> toCall = listeners[event];
        long eventTime = time;
        if (!toCall.isEmpty()) {
            listenerThread.execute(() -> {
                for (TimeEventListener l : toCall) {
                    try {
                        l.onEvent(event, eventTime);
                    } catch (RuntimeException e) {
                        LOG.warn("time event listener failed on event {}", event, e);
                    }
                }
            });
        }
    }

    void onError(int code, String description) {
        synchronized (this) {
            if (synchronousCapable && !failed) {
                fail("event system error " + code + ": " + description);
            }
        }
    }

    // --- under the lock ---

    private boolean followsMaster() {
        return !settings.master() && clock.monotonicNanos() - lastMasterMono <= 2 * settings.syncPeriodNanos();
    }

    private boolean synchronousNow() {
        return synchronousCapable && !failed;
    }

    private long rawCurrentTime() {
        if (!synchronousNow() || !syncedOnDriver) {
            return soft.now();
        }
        try {
            return syncTime + ticksToNanos(driver.ticksSinceReset());
        } catch (EventSystemException e) {
            fail("tick counter unreadable: " + e.getMessage());
            return soft.now();
        }
    }

    /** The time of a counter reset: the hardware's own time if it has it, else the soft clock. */
    private long syncTimeNow() {
        if (driver.hasDirectTime()) {
            try {
                return driver.directTimeNanos();
            } catch (EventSystemException e) {
                LOG.warn("direct time unavailable ({}); using the soft clock for this sync", e.getMessage());
            }
        }
        return soft.now();
    }

    private void fail(String reason) {
        if (syncedOnDriver) {
            // the soft clock carries on from event time, so time does not jump at the switch
            try {
                soft.stepForwardTo(syncTime + ticksToNanos(driver.ticksSinceReset()));
            } catch (EventSystemException unreadable) {
                // keep the soft clock where it is
            }
        }
        failed = true;
        failureReason = reason;
        LOG.error("timestamp driver: hardware failure ({}); reverting to soft time, alarm raised", reason);
    }

    private long monotonic(long candidate) {
        if (candidate < lastReturned) {
            backwardsPrevented++;
            return lastReturned;
        }
        lastReturned = candidate;
        return candidate;
    }

    private long ticksToNanos(long ticks) {
        return ticks * 1_000_000_000L / settings.clockRateHz();
    }

    private static void checkEvent(int event, int lowest) {
        if (event < lowest || event >= EVENT_COUNT) {
            throw new IllegalArgumentException("event " + event + " is outside " + lowest + ".." + (EVENT_COUNT - 1));
        }
    }

    static String iso(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
