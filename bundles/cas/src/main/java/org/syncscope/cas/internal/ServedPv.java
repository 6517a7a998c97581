package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.handlers.AbstractCASResponseHandler;
import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.CAStatusException;
import gov.aps.jca.Monitor;
import gov.aps.jca.cas.ProcessVariable;
import gov.aps.jca.cas.ProcessVariableEventCallback;
import gov.aps.jca.cas.ProcessVariableReadCallback;
import gov.aps.jca.cas.ProcessVariableWriteCallback;
import gov.aps.jca.cas.ServerChannel;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.EpicsTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PV as the CAJ server sees it. Holds the latest value, time and alarm; answers reads with
 * them and pushes each post to the monitors. Until the first post it reads as UDF/INVALID, as an
 * EPICS record that never processed.
 */
final class ServedPv extends ProcessVariable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedPv.class);
    /** The time of a PV never posted: the EPICS epoch, 1990-01-01, as a record that never processed. */
    private static final long NEVER = EpicsTime.MIN_UNIX_NANOS;
    /** The PV and post count of this thread's last read: CAJ reads a monitor's first value on the thread that then registers it. */
    private static final ThreadLocal<LastRead> LAST_READ = new ThreadLocal<>();

    private record LastRead(ServedPv pv, long posts) {
    }

    private final PvSpec spec;
    private final DBRType nativeType;
    private final Set<ServedChannel> channels = new CopyOnWriteArraySet<>();
    /*
     * The latest post. A double posted without a value object is kept as the bare number (value is
     * then null) and the time as ns: a post nobody monitors only stores, and the value object and
     * EPICS timestamp are built where they are read (CA reads, monitors, listings).
     */
    private PvValue value;
    private double number;
    private boolean numberIsLatest;
    private long timeNanos = NEVER;
    private AlarmSeverity severity = AlarmSeverity.INVALID;
    private AlarmStatus status = AlarmStatus.UDF;
    private long posts;
    /** When the last channel closed, or a client last attached (System.nanoTime()); for the idle withdraw of on-demand PVs. */
    private long unusedSince = System.nanoTime();
    /** Withdrawn: no new channel is created on it (an attach that raced the withdraw fails and the client searches again). */
    private boolean withdrawn;

    ServedPv(PvSpec spec) {
        super(spec.name(), null);
        this.spec = spec;
        this.nativeType = Dbrs.nativeType(spec.type());
        setEventCallback(new MonitorDispatcher(this));   // CAJ keeps a callback that is set already
    }

    PvSpec spec() {
        return spec;
    }

    @Override
    public DBRType getType() {
        return nativeType;
    }

    @Override
    public int getMaxDimension() {
        return spec.maxElements() > 1 ? 1 : 0;
    }

    @Override
    public int getDimensionSize(int dimension) {
        return dimension == 0 ? spec.maxElements() : 0;
    }

    @Override
    public String[] getEnumLabels() {
        return spec.enumLabels().isEmpty() ? null : spec.enumLabels().toArray(new String[0]);
    }

    @Override
    public synchronized ServerChannel createChannel(int cid, int sid, String userName, String hostName) throws CAException {
        if (withdrawn) {
            throw new CAStatusException(CAStatus.DEFUNCT, "PV " + name + " was withdrawn");
        }
        return new ServedChannel(this, cid, sid, userName, hostName);
    }

    void channelOpened(ServedChannel channel) {
        channels.add(channel);
    }

    void channelClosed(ServedChannel channel) {
        channels.remove(channel);
        synchronized (this) {
            unusedSince = System.nanoTime();
        }
    }

    /** A client attaches (its channel is created next): false if this PV was withdrawn meanwhile. */
    synchronized boolean attached() {
        unusedSince = System.nanoTime();
        return !withdrawn;
    }

    /** Withdraws this PV if no client used it for {@code idleNanos}; whether it did. */
    synchronized boolean withdrawIfUnusedFor(long idleNanos, long nowNanos) {
        if (withdrawn || !channels.isEmpty() || nowNanos - unusedSince < idleNanos) {
            return false;
        }
        withdrawn = true;
        return true;
    }

    /** No channel is created on it from now on. */
    synchronized void withdraw() {
        withdrawn = true;
    }

    /** The client channels open now. */
    Set<ServedChannel> channels() {
        return Set.copyOf(channels);
    }

    /** Monitors of all connected clients. */
    int monitorCount() {
        return channels.stream().mapToInt(ServedChannel::monitorCount).sum();
    }

    @Override
    public synchronized CAStatus read(DBR dbr, ProcessVariableReadCallback asyncReadCallback) {
        fill(dbr);
        LAST_READ.set(new LastRead(this, posts));
        return CAStatus.NORMAL;
    }

    /**
     * Called with this PV locked, right after {@code monitor} was registered: when this PV was
     * posted since this thread's read gave the monitor its first value, sends it the current value
     * so that post is not lost.
     */
    synchronized void sendPostMissedSinceRead(ProcessVariableEventCallback monitor) {
        LastRead lastRead = LAST_READ.get();
        LAST_READ.remove();
        if (lastRead != null && lastRead.pv() == this && lastRead.posts() != posts) {
            monitor.postEvent(Monitor.VALUE | Monitor.LOG | Monitor.ALARM, currentEvent());
        }
    }

    private DBR currentEvent() {
        DBR event = AbstractCASResponseHandler.createDBRforReading(this);
        fill(event);
        return event;
    }

    /** Called with this PV locked. */
    private void fill(DBR dbr) {
        Dbrs.fill(dbr, spec, value, EpicsTime.fromUnixNanos(timeNanos), severity, status);
        if (numberIsLatest) {
            Dbrs.fillDouble(dbr, number);
        }
    }

    @Override
    public CAStatus write(DBR dbr, ProcessVariableWriteCallback asyncWriteCallback) {
        if (!spec.writable()) {
            return CAStatus.NOWTACCESS;   // also refused earlier by ServedChannel.writeAccess()
        }
        PvValue written = Dbrs.toValue(dbr, spec);
        try {
            Dbrs.check(spec, written);
            spec.writeHandler().onWrite(written);
        } catch (IllegalArgumentException refused) {
            LOG.info("put to {} refused: {}", spec.name(), refused.getMessage());
            return CAStatus.PUTFAIL;
        } catch (RuntimeException bug) {
            LOG.warn("write handler of {} failed", spec.name(), bug);
            return CAStatus.PUTFAIL;
        }
        post(written, WallClock.nowNanos(), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        return CAStatus.NORMAL;
    }

    /** Stores a new value and sends it to every monitor. */
    void post(PvValue newValue, long timestampNanos, AlarmSeverity newSeverity, AlarmStatus newStatus) {
        Dbrs.check(spec, newValue);
        checkTime(timestampNanos);
        synchronized (this) {
            value = newValue;
            numberIsLatest = false;
            stored(timestampNanos, newSeverity, newStatus);
        }
    }

    /**
     * {@link #post(PvValue, long, AlarmSeverity, AlarmStatus)} of a DOUBLE without a value object:
     * when no client monitors this PV it only stores the number and the time (allocates nothing).
     */
    void post(double newValue, long timestampNanos, AlarmSeverity newSeverity, AlarmStatus newStatus) {
        if (spec.type() != PvType.DOUBLE) {
            throw new IllegalArgumentException(spec.name() + " is " + spec.type() + ", not " + PvType.DOUBLE);
        }
        checkTime(timestampNanos);
        synchronized (this) {
            value = null;
            number = newValue;
            numberIsLatest = true;
            stored(timestampNanos, newSeverity, newStatus);
        }
    }

    /** Called with this PV locked, the value stored: the rest of a post, and its event when monitored. */
    private void stored(long timestampNanos, AlarmSeverity newSeverity, AlarmStatus newStatus) {
        boolean alarmChanged = newSeverity != severity || newStatus != status;
        timeNanos = timestampNanos;
        severity = newSeverity;
        status = newStatus;
        posts++;
        ProcessVariableEventCallback callback = eventCallback;
        if (interest && callback != null) {
            callback.postEvent(Monitor.VALUE | Monitor.LOG | (alarmChanged ? Monitor.ALARM : 0), currentEvent());
        }
    }

    /** Refuses a time EPICS cannot carry (before 1990, after 2126) with EpicsTime's message, allocating nothing otherwise. */
    private static void checkTime(long timestampNanos) {
        if (timestampNanos < EpicsTime.MIN_UNIX_NANOS || timestampNanos > EpicsTime.MAX_UNIX_NANOS) {
            EpicsTime.fromUnixNanos(timestampNanos);   // throws, saying why
        }
    }

    /** The latest value, null before the first post. */
    synchronized PvValue value() {
        if (value == null && numberIsLatest) {
            value = new PvValue.DoubleValue(number);   // built once, where it is read
            numberIsLatest = false;
        }
        return value;
    }

    synchronized AlarmSeverity severity() {
        return severity;
    }

    /** Drops every client channel, so clients see the PV disconnect. */
    void disconnectClients() {
        for (ServedChannel c : channels) {
            c.destroy();
        }
    }
}
