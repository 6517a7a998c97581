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
 */
final class OutputPv {

    private final PvSpec spec;
    private PublishedPv pv;
    private boolean hasValue;
    private double value;
    private long timestamp;
    private boolean valid = true;
    private boolean dirty;

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

    /** A new value; posted at once when {@code immediate}, else at the next flush. */
    void set(double newValue, long timestampNanos, boolean immediate) {
        hasValue = true;
        value = newValue;
        timestamp = timestampNanos;
        dirty = true;
        if (immediate) {
            flush();
        }
    }

    /** Marks the value (in)valid and posts the change at once, keeping the value. */
    void setValid(boolean nowValid, long timestampNanos) {
        if (valid == nowValid) {
            return;
        }
        valid = nowValid;
        if (hasValue) {
            timestamp = Math.max(timestamp, timestampNanos);
            dirty = true;
            flush();
        }
    }

    /** Posts the latest value if it changed since the last post. */
    void flush() {
        if (dirty && pv != null) {
            dirty = false;
            pv.post(new PvValue.DoubleValue(value), timestamp, valid ? AlarmSeverity.NO_ALARM : AlarmSeverity.INVALID,
                    valid ? AlarmStatus.NO_ALARM : AlarmStatus.COMM);
        }
    }

    /** Copies value and validity from an output being replaced (a prefix change renames outputs). */
    void takeOver(OutputPv old) {
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
