package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.handlers.AbstractCASResponseHandler;
import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
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
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.api.time.EpicsTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PV as the CAJ server sees it. Holds the latest value, time and alarm; answers reads with
 * them and pushes each post to the monitors. Until the first post it reads as UDF/INVALID, as an
 * EPICS record that never processed.
 */
final class ServedPv extends ProcessVariable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedPv.class);
    private static final EpicsTimestamp NEVER = new EpicsTimestamp(0, 0);
    /** The PV and post count of this thread's last read: CAJ reads a monitor's first value on the thread that then registers it. */
    private static final ThreadLocal<LastRead> LAST_READ = new ThreadLocal<>();

    private record LastRead(ServedPv pv, long posts) {
    }

    private final PvSpec spec;
    private final DBRType nativeType;
    private final Set<ServedChannel> channels = new CopyOnWriteArraySet<>();
    private PvValue value;
    private EpicsTimestamp time = NEVER;
    private AlarmSeverity severity = AlarmSeverity.INVALID;
    private AlarmStatus status = AlarmStatus.UDF;
    private long posts;

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
    public ServerChannel createChannel(int cid, int sid, String userName, String hostName) throws CAException {
        return new ServedChannel(this, cid, sid, userName, hostName);
    }

    void channelOpened(ServedChannel channel) {
        channels.add(channel);
    }

    void channelClosed(ServedChannel channel) {
        channels.remove(channel);
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
        Dbrs.fill(dbr, spec, value, time, severity, status);
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
        Dbrs.fill(event, spec, value, time, severity, status);
        return event;
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
        EpicsTimestamp newTime = EpicsTime.fromUnixNanos(timestampNanos);
        synchronized (this) {
            boolean alarmChanged = newSeverity != severity || newStatus != status;
            value = newValue;
            time = newTime;
            severity = newSeverity;
            status = newStatus;
            posts++;
            ProcessVariableEventCallback callback = eventCallback;
            if (interest && callback != null) {
                callback.postEvent(Monitor.VALUE | Monitor.LOG | (alarmChanged ? Monitor.ALARM : 0), currentEvent());
            }
        }
    }

    synchronized PvValue value() {
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
