package org.syncscope.ptpcheck.internal;

import java.util.List;
import java.util.Optional;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.HostPtpReading;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.PortState;

/** A host whose readings are fixed (or fail): each {@code after} is one more reading. */
final class FixedHost implements HostPtpReadings {

    static final ClockIdentity GM = new ClockIdentity(0xbcfce7fffe244dafL);
    private final HostPtpStatus status;
    private final String failure;
    /** After {@link #reads} readings of this host, {@link #then}'s; null: this one for ever. */
    private FixedHost then;
    private int reads;
    /** How many readings were asked for. */
    int readCount;

    private FixedHost(HostPtpStatus status, String failure) {
        this.status = status;
        this.failure = failure;
    }

    /** This host for {@code reads} readings, then {@code next} (ptp4l settling, e.g. Listening → Grandmaster). */
    FixedHost then(int reads, FixedHost next) {
        this.reads = reads;
        this.then = next;
        return this;
    }

    static final ClockIdentity HOST = new ClockIdentity(0x0a005afffe4f974eL);

    static FixedHost grandmaster() {
        return new FixedHost(new HostPtpStatus(HostPtpRole.GRANDMASTER, new CurrentDataSet(0, 0, 0), GM, GM,
                List.of(port(GM, PortState.MASTER)), Optional.empty()), null);
    }

    static FixedHost slave() {
        return new FixedHost(new HostPtpStatus(HostPtpRole.SLAVE, new CurrentDataSet(1, -12.5, 2800.0), HOST, GM,
                List.of(port(HOST, PortState.SLAVE)), Optional.empty()), null);
    }

    /** ptp4l just (re)started, or its master went away: stepsRemoved 0 and its own identity, like a grandmaster. */
    static FixedHost listening() {
        return new FixedHost(new HostPtpStatus(HostPtpRole.LISTENING, new CurrentDataSet(0, 0, 0), HOST, HOST,
                List.of(port(HOST, PortState.LISTENING)), Optional.empty()), null);
    }

    /** The host's link is down: stepsRemoved 0 and its own identity, like a grandmaster. */
    static FixedHost faulty() {
        return new FixedHost(new HostPtpStatus(HostPtpRole.FAULTY, new CurrentDataSet(0, 0, 0), HOST, HOST,
                List.of(port(HOST, PortState.FAULTY)), Optional.empty()), null);
    }

    /** A better master heard by a clockClass ≤ 127 clock: the last stepsRemoved and offset stay, frozen. */
    static FixedHost passive() {
        return new FixedHost(new HostPtpStatus(HostPtpRole.PASSIVE, new CurrentDataSet(1, -12.5, 2800.0), HOST, GM,
                List.of(port(HOST, PortState.PASSIVE)), Optional.empty()), null);
    }

    /** A master chosen, not synchronised to yet. */
    static FixedHost uncalibrated() {
        return new FixedHost(new HostPtpStatus(HostPtpRole.UNCALIBRATED, new CurrentDataSet(1, 48_000.0, 2800.0), HOST,
                GM, List.of(port(HOST, PortState.UNCALIBRATED)), Optional.empty()), null);
    }

    /** The host in {@code role}, one of the four above. */
    static FixedHost unsettled(HostPtpRole role) {
        return switch (role) {
            case LISTENING -> listening();
            case FAULTY -> faulty();
            case PASSIVE -> passive();
            case UNCALIBRATED -> uncalibrated();
            default -> throw new IllegalArgumentException("no fixed host for " + role);
        };
    }

    static PortDataSet port(ClockIdentity clock, PortState state) {
        return new PortDataSet(new PortIdentity(clock, 1), state, -1, 0, 0, 4, -1, 1, 0, 2);
    }

    static FixedHost failing(String why) {
        return new FixedHost(null, why);
    }

    /** The latest reading handed out. */
    private HostPtpReading latest = new HostPtpReading(0, 0, Optional.empty(), "not read yet");

    @Override
    public synchronized HostPtpReading latest() {
        return latest;
    }

    /** Every call is one more reading of this host (counted in {@link #readCount}). */
    @Override
    public synchronized HostPtpReading after(long sequence) {
        readCount++;
        FixedHost now = then != null && readCount > reads ? then : this;
        latest = new HostPtpReading(Math.max(sequence, latest.sequence()) + 1, 1, Optional.ofNullable(now.status),
                now.failure != null ? now.failure : "");
        return latest;
    }
}
