package org.syncscope.timestamp.internal;

import java.time.Instant;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.EventHandler;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.ClockRole;
import org.syncscope.api.time.TimeEventListener;
import org.syncscope.api.time.TimeSource;
import org.syncscope.api.time.TimestampService;
import org.syncscope.api.time.TimestampStatus;

/**
 * The drvTS clock: soft or event-system (synchronous) time, made of its parts — the soft clock,
 * the {@link EventTable}, the {@link HardwareWatch}, the {@link MasterFollower}, the
 * {@link NtpDiscipline} and the {@link DriverLink} — and the event system's {@link SyncState}. Readers take no lock the
 * writers hold while calling the driver: they read the state from a volatile field, read the tick
 * counter without a lock, and pass the result through the lock-free {@link TimeGuard}. The engine
 * lives as long as its component: new settings ({@link #reconfigure}) and another event system
 * ({@link #useDriver}) change it in place, so time, frequency, the event table and listeners
 * carry on. {@link #tick()} is its once-a-second housekeeping.
 */
public final class TimestampEngine implements TimestampService {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampEngine.class);

    private final NanoClock clock;
    private final SoftClock soft;
    private final TimeGuard guard = new TimeGuard();
    private final EventTable table;
    private final HardwareWatch watch = new HardwareWatch();
    private final MasterFollower follower = new MasterFollower();
    private final NtpDiscipline ntp = new NtpDiscipline();
    private final ClockLoop loop = new ClockLoop();
    private final DriverLink link = new DriverLink();

    private volatile TimestampSettings settings;
    private volatile SyncState state;
    private volatile int debug;
    private volatile long lastOffset;
    private volatile String falseTickers = "";
    private volatile String[] lastSourceName = {"", "", ""};
    private volatile boolean ntpDisagree;
    private volatile String masterNtpDisagreement = "";
    private volatile long eventCount;
    private volatile long syncCount;
    // writers only, under this
    private long lastSoftSyncMono;

    /**
     * @param driver         the event system, or null when none is bound
     * @param listenerThread runs event listeners, one at a time, in event order
     */
    public TimestampEngine(TimestampSettings settings, EventSystemDriver driver, String driverName, NanoClock clock,
                           Executor listenerThread) {
        this.settings = settings;
        this.clock = clock;
        this.soft = new SoftClock(clock);
        this.table = new EventTable(listenerThread);
        this.debug = settings.debug();
        this.state = judge(driver, driverName, clock.monotonicNanos());
        this.lastSoftSyncMono = clock.monotonicNanos();
    }

    private SyncState judge(EventSystemDriver driver, String name, long mono) {
        String reason;
        boolean capable = false;
        int rate = driver == null ? EventSystemDriver.DEFAULT_CLOCK_RATE_HZ : driver.clockRateHz();
        boolean tickCounter = driver == null || driver.hasTickCounter();
        if (settings.forceSoft()) {
            reason = "forceSoft=true (TSconfigure type 1): event hardware never used";
        } else if (driver == null) {
            reason = "no event-system driver bound";
        } else if (!driver.hasReceiver()) {
            reason = "event-system driver " + name + " reports no receiver";
        } else if (rate < 1) {
            reason = "event-system driver " + name + " reports a clock rate of " + rate + " Hz; its ticks are not used";
        } else {
            capable = true;
            reason = "event receiver present (driver " + name + ", " + rate + " Hz ticks"
                    + (tickCounter ? "" : ", no tick counter") + ")";
        }
        return new SyncState(driver, name, Math.max(rate, 1), tickCounter, capable, reason, false, 0, mono, false, "");
    }

    /** Takes the driver given at construction into use. */
    public void start() throws EventSystemException {
        SyncState s = state;
        LOG.info("timestamp driver: {} {} — {}", s.capable() ? "synchronous" : "soft",
                settings.master() ? "master" : "slave", s.modeReason());
        attach(s, false);
    }

    /** Stops taking events. */
    public void stop() {
        link.release();
    }

    /**
     * Follows another event system (null: none) without a restart: the clock goes on in soft time
     * from where event time was, and returns to event time at the new driver's first sync event.
     * A master asks the new generator for that sync at once. Calls the driver (init() once per
     * driver), so call it off SCR's thread; no lock is held meanwhile.
     */
    public void useDriver(EventSystemDriver next, String name) {
        SyncState judged = judge(next, name, clock.monotonicNanos());
        synchronized (this) {
            leaveDriver();
            state = judged;
        }
        link.release();
        LOG.info("timestamp driver: event system now {}: {}", next == null ? "(none)" : name, judged.modeReason());
        try {
            attach(judged, settings.master());
        } catch (EventSystemException | RuntimeException e) {
            failIfStill(judged, "event system " + name + " did not start: " + e.getMessage());
        }
    }

    private void attach(SyncState s, boolean forceSync) throws EventSystemException {
        EventSystemDriver d = s.capable() ? s.driver() : null;
        if (d != null && link.attach(d, new EngineEvents(), this::onError, () -> state.driver() == d && state.capable())
                && forceSync) {
            try {
                d.forceSync();
            } catch (EventSystemException cannot) {
                // a receiver without a generator (read through its IOC) cannot send one: the next sync comes by itself
                LOG.info("timestamp driver: no sync forced ({}); event time starts at the next sync event", cannot.getMessage());
            }
        }
    }

    /** Our handler with the driver: events with their user tag (API 1.2), and without (older drivers). */
    private final class EngineEvents implements EventHandler {
        @Override
        public void onEvent(int eventNumber, long ticks) {
            TimestampEngine.this.onEvent(eventNumber, ticks, 0);
        }

        @Override
        public void onEvent(int eventNumber, long ticks, long userTag) {
            TimestampEngine.this.onEvent(eventNumber, ticks, userTag);
        }
    }

    /**
     * Stops using {@code gone} if it is the current driver (its service went away): soft time from
     * here, carried on from event time. Only touches memory and closes our registrations with the
     * driver; it waits for no driver call, so SCR's unbind may call it.
     */
    public void dropDriver(EventSystemDriver gone) {
        synchronized (this) {
            SyncState s = state;
            if (gone == null || s.driver() != gone) {
                return;
            }
            leaveDriver();
            state = new SyncState(null, s.driverName(), s.clockRateHz(), s.tickCounter(), false, "event-system driver "
                    + s.driverName()
                    + " went away; soft time until one is bound", false, 0, clock.monotonicNanos(), false, "");
        }
        link.release();
        LOG.warn("timestamp driver: {}", state.modeReason());
    }

    /** Under the lock: the soft clock takes over from event time, estimated without calling the driver. */
    private void leaveDriver() {
        SyncState s = state;
        if (s.ticking()) {
            soft.stepForwardTo(Math.max(s.syncTime() + clock.monotonicNanos() - s.syncMono(), guard.last()));
        }
        watch.restart();
    }

    /**
     * New settings for the running clock: time, frequency, the event table, listeners and the
     * driver (initialised once) carry on; only what depends on the settings changes.
     */
    public void reconfigure(TimestampSettings next) {
        TimestampSettings previous;
        synchronized (this) {
            previous = settings;
            settings = next;
            debug = next.debug();
            if (!previous.ntpServers().equals(next.ntpServers())) {
                ntp.restart();
            }
        }
        if (previous.forceSoft() != next.forceSoft()) {
            SyncState s = state;
            useDriver(s.driver(), s.driverName());   // mode changed: event time restarts at the next sync
        }
    }

    /** Whether event time is used (a driver with a receiver, not forceSoft), even while failed. */
    public boolean usesEventSystem() {
        return state.capable();
    }

    /**
     * The tick rate of the event system taken last (the driver reports it; one that went away
     * keeps its rate until the next is taken), {@value EventSystemDriver#DEFAULT_CLOCK_RATE_HZ}
     * Hz before any: what the stamp server and sync messages announce.
     */
    public int clockRateHz() {
        return state.clockRateHz();
    }

    /** The event system in use, or null. */
    public EventSystemDriver driver() {
        return state.driver();
    }

    @Override
    public long currentTime() {
        return guard.pass(rawTime(state));
    }

    @Override
    public long eventTime(int event) {
        checkEvent(event, 0);
        if (event == 0 || !state.synchronous()) {
            return currentTime();
        }
        return table.time(event);
    }

    /** The user tag {@code event} last came with (a pulse or cycle ID, API 1.2), 0 if none or never. */
    public long userTag(int event) {
        checkEvent(event, 0);
        return table.userTag(event);
    }

    @Override
    public Registration addEventListener(int event, TimeEventListener listener) {
        checkEvent(event, 1);
        return table.addListener(event, listener);
    }

    @Override
    public TimestampStatus status() {
        SyncState s = state;
        TimestampSettings set = settings;
        long mono = clock.monotonicNanos();
        boolean sync = s.synchronous();
        boolean followsMaster = followsMaster(mono);
        boolean ntpNow = !set.ntpServers().isEmpty() && ntp.inUse() && !followsMaster;
        TimeSource source = sync ? TimeSource.EVENT_SYSTEM : followsMaster ? TimeSource.MASTER
                : ntpNow ? TimeSource.NTP : TimeSource.FREE_RUNNING;
        return new TimestampStatus(sync ? ClockMode.SYNCHRONOUS : ClockMode.SOFT,
                set.master() ? ClockRole.MASTER : ClockRole.SLAVE,
                s.failed() ? "hardware failure: " + s.failureReason() + " (reverted to soft time)" : s.modeReason(),
                source, followsMaster ? follower.master() : "",
                (sync && s.synced()) || ((followsMaster || ntpNow) && !loop.alarm()),
                s.syncTime(), lastOffset, guard.prevented());
    }

    /** A soft slave's correction from its master (drvTS TSsyncTheTime), sampled now. */
    public void adjustToMaster(long offsetNanos, long roundTripNanos, String master) {
        adjustToMaster(offsetNanos, roundTripNanos, master, clock.monotonicNanos());
    }

    /**
     * A soft slave's filtered sample of its master: {@code offsetNanos} = master − us at monotonic
     * {@code sampleMono}, for the {@link ClockLoop}.
     */
    public void adjustToMaster(long offsetNanos, long roundTripNanos, String master, long sampleMono) {
        follower.sampled(roundTripNanos, master, clock.monotonicNanos());
        TimestampSettings set = settings;
        String from = sourceName("master ", master);
        loop.sample(soft, clock, from, from, offsetNanos, roundTripNanos, sampleMono, set.syncPeriodNanos(),
                set.limits(), debug);
        lastOffset = offsetNanos;
    }

    /** An NTP measurement (offset = server − us), sampled now. */
    public void adjustToNtp(long offsetNanos, long delayNanos, String server) {
        adjustToNtp(offsetNanos, delayNanos, server, clock.monotonicNanos());
    }

    /** A filtered NTP sample (offset = server − us at monotonic {@code sampleMono}), for the {@link ClockLoop}. */
    public void adjustToNtp(long offsetNanos, long delayNanos, String server, long sampleMono) {
        ntp.sampled(offsetNanos, delayNanos, server, clock.monotonicNanos());
        TimestampSettings set = settings;
        loop.sample(soft, clock, "NTP", sourceName("NTP server ", server), offsetNanos, delayNanos, sampleMono,
                set.syncPeriodNanos(), set.limits(), debug);
        lastOffset = offsetNanos;
    }

    /** A master answered, but every exchange of the period was held up (rejected by delay): followed, not used. */
    public void masterAnswered(long roundTripNanos, String master) {
        follower.sampled(roundTripNanos, master, clock.monotonicNanos());
    }

    /** An NTP server answered, but every exchange of the period was held up (rejected by delay): heard, not used. */
    public void ntpAnswered(String server) {
        ntp.heard(server, clock.monotonicNanos());
    }

    /** The NTP servers last set aside as false tickers ("" none); {@code disagree}: two that disagree (an alarm). */
    public void noteFalseTickers(String servers, boolean disagree) {
        falseTickers = servers;
        ntpDisagree = disagree;
    }

    /** "master 10.0.0.1:18323": made once per address, not per sample (the sync round allocates nothing). */
    private String sourceName(String kind, String address) {
        String[] cached = lastSourceName;
        if (cached[0] == kind && cached[1] == address) {
            return cached[2];
        }
        String name = kind + address;
        lastSourceName = new String[] {kind, address, name};
        return name;
    }

    /**
     * A slave's master and NTP, measured in the same round before the correction: when they differ
     * by more than 1 ms plus half their delays, the disagreement is an alarm and a PROBLEM line
     * (the master is still followed, as drvTS does: which of the two is right cannot be told).
     * Skipped unless the loop is locked (a slew in progress moves the clock between the two).
     */
    public void crossCheck(String master, long masterOffset, long masterDelay, String server, long ntpOffset,
                           long ntpDelay) {
        if (loop.state() != ClockLoop.State.LOCKED) {
            return;
        }
        long diff = masterOffset - ntpOffset;
        String was = masterNtpDisagreement;
        if (Math.abs(diff) > 1_000_000 + (masterDelay + ntpDelay) / 2) {
            masterNtpDisagreement = String.format("master %s and NTP server %s disagree by %s: the master is followed, "
                    + "which of them is right cannot be told", master, server, ClockLoop.ns(diff));
            if (was.isEmpty()) {
                LOG.warn("timestamp driver: {}", masterNtpDisagreement);
            }
        } else if (!was.isEmpty()) {
            masterNtpDisagreement = "";
            LOG.info("timestamp driver: master {} and NTP server {} agree again", master, server);
        }
    }

    /** The clock loop's state: following, slewing, a jump held, panic. */
    public ClockLoop.State loopState() {
        return loop.state();
    }

    /** Why the reference is not followed ("" when it is). */
    public String loopProblem() {
        return loop.problem();
    }

    /**
     * A synchronous slave heard its master's sync time (drvTS TSsyncClient). If it belongs to the
     * sync this slave already took (within half a period), the slave's sync time is stepped to it
     * when they differ (logged); if this slave's own sync event has not come yet, it is kept for it.
     */
    public synchronized void onMasterSync(long masterSyncNanos) {
        SyncState s = state;
        if (!s.synchronous() || settings.master()) {
            return;
        }
        long mono = clock.monotonicNanos();
        if (s.synced() && mono - s.syncMono() < settings.syncPeriodNanos() / 2) {
            long diff = masterSyncNanos - s.syncTime();
            if (diff != 0) {
                state = s.syncTime(masterSyncNanos);
                table.set(s.driver().syncEventNumber(), masterSyncNanos);
                follower.stepped();
                lastOffset = diff;
                if (debug >= 1 || Math.abs(diff) >= 1_000_000L) {
                    LOG.info("sync time stepped to the master's by {} ns", diff);
                }
            }
        } else {
            follower.keepForNextSync(masterSyncNanos, mono);
        }
    }

    /** Round trip of the last sync with the reference (master or NTP server), ns; 0 before one. */
    public long lastDelayNanos() {
        return followsMaster(clock.monotonicNanos()) ? follower.roundTrip() : ntp.delay();
    }

    /** NTP jitter (smoothed change of successive offsets), ns. */
    public long jitterNanos() {
        return ntp.jitter();
    }

    /** Times the sync time was stepped to a master's. */
    public long syncSteps() {
        return follower.syncSteps();
    }

    /** The drvTS reply mask: bit 1 when this master has no trustworthy time. */
    public int replyMask() {
        return alarm() ? 0x2 : 0;
    }

    /** The last sync time (0 before the first), for the stamp server. */
    public long lastSyncNanos() {
        return state.syncTime();
    }

    /** Whether an alarm is raised: hardware failure, or the NTP time source lost. */
    public boolean alarm() {
        return state.failed() || ntp.lost() || loop.alarm() || ntpDisagree || !masterNtpDisagreement.isEmpty();
    }

    /** Events received since start. */
    public long eventCount() {
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

    /** The soft clock's frequency correction, ppb. */
    public double frequencyPpb() {
        return soft.frequencyPpb();
    }

    /** ErForceSync: asks the generator for a sync event now. */
    public void forceSync() throws EventSystemException {
        SyncState s = state;
        if (!s.capable()) {
            throw new EventSystemException("no event system in use (" + s.modeReason() + "): nothing to force");
        }
        s.driver().forceSync();
    }

    /**
     * Housekeeping, about once a second: disciplines the soft clock (to NTP's loss watch, or to the
     * host clock every sync period when nothing else leads it), and watches the hardware.
     */
    public void tick() {
        long mono = clock.monotonicNanos();
        TimestampSettings set = settings;
        boolean ntpConfigured = !set.ntpServers().isEmpty();
        boolean followsMaster = followsMaster(mono);
        if (ntpConfigured && !followsMaster) {
            ntp.check(soft, mono, set.syncPeriodNanos());
        }
        synchronized (this) {
            // a clock following a master or NTP must not also be pulled towards the host clock
            if (!followsMaster && !ntpConfigured && mono - lastSoftSyncMono >= set.syncPeriodNanos()) {
                lastSoftSyncMono = mono;
                lastOffset = soft.syncToWall(set.syncPeriodNanos());
                if (debug >= 1) {
                    LOG.info("soft clock disciplined to the host clock: offset {} ns", lastOffset);
                }
            }
        }
        SyncState s = state;
        if (s.driver() != null && !s.capable() && !set.forceSoft() && s.driver().hasReceiver()) {
            // a driver bound before its receiver was there (an MRF receiver whose IOC's PVs were
            // still connecting, a card that came up late): take it into use now
            LOG.info("timestamp driver: event-system driver {} now reports a receiver", s.driverName());
            useDriver(s.driver(), s.driverName());
            return;
        }
        if (!s.synchronous()) {
            return;
        }
        String failure = watch.check(s, mono, set);
        if (failure != null) {
            failIfStill(s, failure);
        }
    }

    /** TSreport: configuration, mode, state, last sync and the event table. */
    public String report() {
        long now = currentTime();
        TimestampStatus s = status();
        SyncState st = state;
        TimestampSettings set = settings;
        StringBuilder r = new StringBuilder();
        r.append("Timestamp driver (drvTS)\n");
        r.append(String.format("  role %s, mode %s: %s%n", s.role(), s.mode(), s.modeReason()));
        r.append(String.format("  sync rate %d s, clock rate %d Hz, master port %d, slave port %d, timeout %d ms%n",
                set.syncRateSeconds(), st.clockRateHz(), set.masterPort(), set.slavePort(), set.timeoutMs()));
        r.append(String.format("  event system %s, force soft %s, debug %d, failure grace %.1f s%n",
                st.driver() == null ? "(none)" : st.driverName(), set.forceSoft(), debug, set.failureGraceSeconds()));
        if (st.driver() != null) {
            String receiver = describe(st.driver());
            if (!receiver.isEmpty()) {
                r.append("  receiver ").append(receiver).append('\n');
            }
            if (!st.tickCounter()) {
                r.append("  tick counter: none (the receiver is read through its IOC): time between syncs runs on this "
                        + "host's monotonic clock from the last sync's ")
                        .append(st.driver().hasDirectTime() ? "hardware time" : "time").append('\n');
            }
        }
        r.append(String.format("  in sync %s, alarm %s, syncs %d, events %d, soft clock offset %d ns, "
                + "backwards time prevented %d times%n", s.inSync(), st.failed(), syncCount, eventCount, lastOffset,
                guard.prevented()));
        r.append("  last sync ").append(syncCount == 0 ? "never" : iso(st.syncTime())).append('\n');
        if (!set.ntpServers().isEmpty()) {
            r.append(ntp.report(soft, set.ntpServers()));
        }
        if (!set.ntpServers().isEmpty() || !set.master()) {
            r.append(loop.report(soft, set.limits()));
        }
        if (!masterNtpDisagreement.isEmpty()) {
            r.append("  PROBLEM: ").append(masterNtpDisagreement).append('\n');
        }
        if (!falseTickers.isEmpty()) {
            r.append("  PROBLEM: NTP false ticker(s), not followed: ").append(falseTickers)
                    .append(ntpDisagree ? " (two servers disagree: which is right cannot be told)" : "").append('\n');
        }
        if (!set.master()) {
            r.append("  master ").append(followsMaster(clock.monotonicNanos()) ? follower.master() + ", last offset "
                    + lastOffset + " ns, round trip " + follower.roundTrip() + " ns"
                    : "none (masterAddresses '" + set.masterAddresses() + "')").append('\n');
        }
        r.append("  current time ").append(iso(now)).append('\n');
        table.report(r);
        return r.toString();
    }

    /**
     * The event system in one line for the {@code EventSystem} status PV: the driver's name and what
     * it says of its receiver ({@code describe()}), "none" without a driver. Calls the driver
     * (describe), holding no lock.
     */
    public String eventSystemLine() {
        SyncState s = state;
        if (s.driver() == null) {
            return "none";
        }
        String receiver = describe(s.driver());
        if (receiver.isEmpty()) {
            return s.driverName();
        }
        // describe() usually starts with the driver's name ("mrf EVR1 ..."): not twice
        String name = s.driverName().split(" ", 2)[0];
        return receiver.startsWith(name) ? receiver : name + " " + receiver;
    }

    /** The driver's describe(), "" when it has nothing to say or fails (a report must not fail with it). */
    private static String describe(EventSystemDriver driver) {
        try {
            String d = driver.describe();
            return d == null ? "" : d.strip();
        } catch (RuntimeException e) {
            return "(describe() failed: " + e + ")";
        }
    }

    // --- driver callbacks (the driver's thread) ---

    void onEvent(int event, long ticks) {
        onEvent(event, ticks, 0);
    }

    void onEvent(int event, long ticks, long userTag) {
        if (event < 0 || event >= EVENT_COUNT) {
            LOG.warn("event system {} delivered event {} outside 0..255; ignored", state.driverName(), event);
            return;
        }
        SyncState seen = state;
        if (!seen.capable()) {
            return;   // a late event from a driver being let go
        }
        boolean sync = event == seen.driver().syncEventNumber();
        Long direct = sync ? directTime(seen.driver()) : null;   // a driver call: before the lock
        long time;
        synchronized (this) {
            SyncState s = state;
            if (!s.capable() || s.driver() != seen.driver()) {
                return;
            }
            eventCount++;
            if (sync) {
                long mono = clock.monotonicNanos();
                time = direct != null ? direct : soft.now();
                // a synchronous slave that already heard its master's time for this sync adopts it
                Long masters = settings.master() ? null : follower.takeForThisSync(mono, settings.syncPeriodNanos());
                if (masters != null) {
                    time = masters;
                }
                if (s.failed()) {
                    LOG.warn("event time resumed: stepped to {}; hardware alarm cleared", iso(time));
                    soft.stepForwardTo(time);
                }
                state = s.synced(time, mono);
                syncCount++;
                watch.restart();
                if (debug >= 1) {
                    LOG.info("sync event 0x{}: time {}", Integer.toHexString(event), iso(time));
                }
            } else {
                time = !s.synced() ? soft.now() : s.syncTime() + ticksToNanos(ticks, s.clockRateHz());
                if (debug >= 2) {
                    LOG.info("event 0x{} at {} ticks: {}", Integer.toHexString(event), ticks, iso(time));
                }
            }
        }
        table.occurred(event, time, userTag);
    }

    void onError(int code, String description) {
        SyncState s = state;
        if (s.synchronous()) {
            failIfStill(s, "event system error " + code + ": " + description);
        }
    }

    // --- helpers ---

    /** The clock's time before the never-backwards guard; calls the driver, but holds no lock. */
    private long rawTime(SyncState s) {
        if (!s.ticking()) {
            return soft.now();
        }
        if (!s.tickCounter()) {
            // a receiver read through its IOC: the host's monotonic ns since the sync took its hardware time
            return s.syncTime() + clock.monotonicNanos() - s.syncMono();
        }
        try {
            return s.syncTime() + ticksToNanos(s.driver().ticksSinceReset(), s.clockRateHz());
        } catch (EventSystemException e) {
            watch.unreadable(e.getMessage());
            return Math.max(soft.now(), s.syncTime() + clock.monotonicNanos() - s.syncMono());
        }
    }

    private boolean followsMaster(long mono) {
        return !settings.master() && follower.follows(mono, settings.syncPeriodNanos());
    }

    /** The hardware's own time of a counter reset, if it has it; else null (the soft clock's time is used). */
    private static Long directTime(EventSystemDriver driver) {
        if (driver.hasDirectTime()) {
            try {
                return driver.directTimeNanos();
            } catch (EventSystemException e) {
                LOG.warn("direct time unavailable ({}); using the soft clock for this sync", e.getMessage());
            }
        }
        return null;
    }

    /**
     * Hardware failure, unless the state changed since {@code seen}: soft time from here, carried on
     * from event time (read before the lock) so time does not jump at the switch.
     */
    private void failIfStill(SyncState seen, String reason) {
        long eventNow = rawTime(seen);
        synchronized (this) {
            if (state != seen || seen.failed()) {
                return;
            }
            soft.stepForwardTo(Math.max(eventNow, guard.last()));
            state = seen.failed(reason);
        }
        LOG.error("timestamp driver: hardware failure ({}); reverting to soft time, alarm raised", reason);
    }

    /**
     * {@code ticks} at {@code clockRateHz} as ns, exactly: whole seconds and the rest apart, so a
     * 1 GHz count (ns) comes back unchanged and no count overflows (ticks × 1e9 would, past 9.2 s
     * of ns ticks).
     */
    static long ticksToNanos(long ticks, int clockRateHz) {
        return Math.floorDiv(ticks, clockRateHz) * 1_000_000_000L
                + Math.floorMod(ticks, clockRateHz) * 1_000_000_000L / clockRateHz;
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
