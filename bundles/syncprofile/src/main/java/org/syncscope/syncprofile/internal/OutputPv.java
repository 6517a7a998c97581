package org.syncscope.syncprofile.internal;

import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * One output PV of a profile: remembers its latest value, time and validity, so it can be posted
 * now, later at the publish rate, again with INVALID severity while an input is disconnected, or
 * anew to a publisher that came back after a redeploy. Used only on the profile's thread.
 *
 * <p>Its timestamps never go back: a value is served with its sample's time, and a time earlier
 * than the one last served (an IOC whose clock was set back, a {@code timestamp} mode edit) is
 * served as that one. A disconnect is served as the last value with INVALID/COMM, 1 ns after the
 * time last served; the output becomes valid again with its next sample, never by a post of its
 * own, so no wall-clock stamp ever precedes a sample's own.
 */
final class OutputPv {

    private final PvSpec spec;
    private PublishedPv pv;
    private boolean hasValue;
    private double value;
    private long timestamp;
    private boolean valid = true;
    private boolean dirty;
    /** The time last served; every post is stamped no earlier. */
    private long served = Long.MIN_VALUE;

    /** Published at once when a publisher is there; else when one {@link #attach attaches}. */
    OutputPv(PvPublisher publisher, String name, String units, int precision, String description) {
        this.spec = PvSpec.ofDouble(name, units, precision, description);
        if (publisher != null) {
            this.pv = publisher.publish(spec);
        }
    }

    String name() {
        return spec.name();
    }

    /** A new, valid value; posted at once when {@code immediate}, else at the next flush. */
    void set(double newValue, long timestampNanos, boolean immediate) {
        hasValue = true;
        valid = true;
        value = newValue;
        timestamp = timestampNanos;
        dirty = true;
        if (immediate) {
            flush();
        }
    }

    /**
     * Marks the value INVALID and posts that at once, keeping the value, stamped 1 ns after the
     * time last served (a distinct sample for archivers); the next {@link #set} makes it valid
     * again. The wall clock is never mixed into the outputs' times (the PVs' own stamps or values),
     * so a disconnect cannot push them ahead of the samples that follow.
     */
    void invalidate() {
        if (!valid) {
            return;
        }
        valid = false;
        if (hasValue) {
            timestamp = Math.max(timestamp, served == Long.MIN_VALUE ? timestamp : served + 1);
            dirty = true;
            flush();
        }
    }

    boolean isValid() {
        return valid;
    }

    /** Posts the latest value if it changed since the last post. */
    void flush() {
        if (dirty && pv != null) {
            dirty = false;
            served = Math.max(served, timestamp);
            pv.post(new PvValue.DoubleValue(value), served, valid ? AlarmSeverity.NO_ALARM : AlarmSeverity.INVALID,
                    valid ? AlarmStatus.NO_ALARM : AlarmStatus.COMM);
        }
    }

    /** Copies value and validity from an output being replaced (a prefix change renames outputs). */
    void takeOver(OutputPv old) {
        served = Math.max(served, old.served);
        if (old.hasValue) {
            set(old.value, old.timestamp, false);
        }
        valid = old.valid;
        flush();
    }

    /**
     * Publishes this output through a publisher that (re)appeared and posts its latest value,
     * so clients find it again as it was.
     *
     * @throws IllegalArgumentException if the publisher refuses the name
     */
    void attach(PvPublisher publisher) {
        detach();
        pv = publisher.publish(spec);
        if (hasValue) {
            dirty = true;
            flush();
        }
    }

    /** Withdraws it from its publisher (which may be gone already), keeping value and validity. */
    void detach() {
        if (pv != null) {
            PublishedPv old = pv;
            pv = null;
            try {
                old.close();
            } catch (RuntimeException gone) {
                // the publisher went away first and withdrew it itself
            }
        }
    }

    double value() {
        return hasValue ? value : Double.NaN;
    }

    void close() {
        detach();
    }
}
