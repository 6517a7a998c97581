package org.syncscope.pvas.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import org.epics.pvdata.copy.PVCopy;
import org.epics.pvdata.factory.PVDataFactory;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Structure;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;


/**
 * One PV as the pvAccess server serves it: the latest post, and the pvData structure built from
 * it only when a client reads or monitors. A post no client monitors only stores; each monitored
 * post is copied, under this PV's lock, into each monitor's queue, so every monitor sees the posts
 * in the order they were made. Until its first post it reads as severity INVALID, message "UDF".
 */
final class ServedPv {

    private final PvSpec spec;
    private final Structure type;
    private final Set<ServedChannel> channels = new CopyOnWriteArraySet<>();
    /** The started monitors (they get every post). */
    private final List<PvaMonitor> monitors = new CopyOnWriteArrayList<>();

    // the latest post, guarded by this; a bare double post keeps only the number (value is then stale)
    private PvValue value;
    private double number;
    private boolean numberIsLatest;
    private long timeNanos;
    private AlarmSeverity severity = AlarmSeverity.INVALID;
    private AlarmStatus status = AlarmStatus.UDF;
    private boolean posted;
    /** The full structure, filled from the latest post when read; null until the first client read or monitor. */
    private PVStructure master;
    private PvaValues.PostFields masterFields;
    /** When the last channel closed or a client last attached (System.nanoTime()): the idle withdraw of on-demand PVs. */
    private long unusedSince = System.nanoTime();
    private boolean withdrawn;

    ServedPv(PvSpec spec) {
        this.spec = spec;
        this.type = PvaTypes.of(spec);
    }

    PvSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    Structure type() {
        return type;
    }

    /** Stores a checked post and hands it to every started monitor. */
    void post(PvValue newValue, long timestampNanos, AlarmSeverity newSeverity, AlarmStatus newStatus) {
        PostChecks.check(spec, newValue);
        PostChecks.checkTime(spec, timestampNanos);
        synchronized (this) {
            value = newValue;
            numberIsLatest = false;
            stored(timestampNanos, newSeverity, newStatus);
        }
    }

    /** A DOUBLE post without a value object: while no client monitors this PV it stores three fields and allocates nothing. */
    void post(double newValue, long timestampNanos, AlarmSeverity newSeverity, AlarmStatus newStatus) {
        if (spec.type() != PvType.DOUBLE) {
            throw new IllegalArgumentException(spec.name() + " is " + spec.type() + ", not " + PvType.DOUBLE);
        }
        PostChecks.checkTime(spec, timestampNanos);
        synchronized (this) {
            number = newValue;
            numberIsLatest = true;
            stored(timestampNanos, newSeverity, newStatus);
        }
    }

    /** Called with this PV locked, the value stored. */
    private void stored(long timestampNanos, AlarmSeverity newSeverity, AlarmStatus newStatus) {
        timeNanos = timestampNanos;
        severity = java.util.Objects.requireNonNull(newSeverity, "severity");
        status = java.util.Objects.requireNonNull(newStatus, "status");
        posted = true;
        if (!monitors.isEmpty()) {
            PVStructure m = filledMaster();
            for (PvaMonitor monitor : monitors) {
                monitor.update(m, false);
            }
        }
    }

    /** Called with this PV locked: the master structure holding the latest post. */
    private PVStructure filledMaster() {
        if (master == null) {
            master = PVDataFactory.getPVDataCreate().createPVStructure(type);
            PvaValues.fillMetadata(master, spec);
            masterFields = new PvaValues.PostFields(master);
        }
        PvaValues.fillPost(masterFields, spec, value, number, numberIsLatest, timeNanos, severity, status, posted);
        return master;
    }

    /** The master (latest post filled in), for a client's {@link PVCopy}; its structure never changes. */
    synchronized PVStructure master() {
        return filledMaster();
    }

    /** A client's get: a new structure of the fields {@code copy} selects, holding the latest post. */
    synchronized PVStructure read(PVCopy copy, BitSet changed) {
        filledMaster();
        PVStructure out = copy.createPVStructure();
        copy.initCopy(out, changed);
        return out;
    }

    /** A monitor starts: it gets the current value first, then every post. */
    synchronized void startMonitor(PvaMonitor monitor) {
        if (!monitors.contains(monitor)) {
            monitors.add(monitor);
            monitor.update(filledMaster(), true);
        }
    }

    void stopMonitor(PvaMonitor monitor) {
        monitors.remove(monitor);
    }

    int monitorCount() {
        return monitors.size();
    }

    /** The latest value (null before the first post, or a bare double as a value object). */
    synchronized PvValue value() {
        if (numberIsLatest) {
            value = new PvValue.DoubleValue(number);   // built where it is read
            numberIsLatest = false;
        }
        return value;
    }

    synchronized AlarmSeverity severity() {
        return severity;
    }

    // --- clients ---

    /** A client's channel opens: false when this PV was withdrawn meanwhile (the create fails). */
    synchronized boolean channelOpened(ServedChannel channel) {
        if (withdrawn) {
            return false;
        }
        channels.add(channel);
        unusedSince = System.nanoTime();
        return true;
    }

    synchronized void channelClosed(ServedChannel channel) {
        channels.remove(channel);
        unusedSince = System.nanoTime();
    }

    /** A client attaches (a channel is made next): false if withdrawn. */
    synchronized boolean attached() {
        unusedSince = System.nanoTime();
        return !withdrawn;
    }

    /** Withdraws this PV if no client had a channel to it for {@code idleNanos}; whether it did. */
    synchronized boolean withdrawIfUnusedFor(long idleNanos, long nowNanos) {
        if (withdrawn || !channels.isEmpty() || nowNanos - unusedSince < idleNanos) {
            return false;
        }
        withdrawn = true;
        return true;
    }

    synchronized boolean isWithdrawn() {
        return withdrawn;
    }

    /**
     * No new channel from now on; the open ones are cut off (their monitors told to stop, their
     * requests failing): pvAccessJava gives a server no way to tell a client a channel is gone.
     */
    void withdraw() {
        synchronized (this) {
            withdrawn = true;
        }
        for (ServedChannel c : channels) {
            c.withdrawn();
        }
    }

}
