package org.syncscope.pmc.internal;

import java.time.Instant;
import java.util.Optional;
import org.syncscope.api.ptp.HostPtpReading;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.time.EpicsTime;

/**
 * The adapter's readings of the host status: recorded on the adapter's thread, handed to whoever
 * waits for one newer than the reading it has. Waiting is always bounded; stopping releases every
 * waiter at once.
 */
final class HostReadings {

    private HostPtpReading latest = new HostPtpReading(0, 0, Optional.empty(), "not read yet");
    private boolean requested;
    private boolean stopped;

    synchronized HostPtpReading latest() {
        return latest;
    }

    /** Records a successful reading made at {@code timeNanos} and wakes the waiters. */
    synchronized HostPtpReading read(HostPtpStatus status, long timeNanos) {
        return record(Optional.of(status), "", timeNanos);
    }

    /** Records a failed reading and wakes the waiters. */
    synchronized HostPtpReading failed(String why, long timeNanos) {
        return record(Optional.empty(), why, timeNanos);
    }

    private HostPtpReading record(Optional<HostPtpStatus> status, String error, long timeNanos) {
        latest = new HostPtpReading(latest.sequence() + 1, timeNanos, status, error);
        notifyAll();
        return latest;
    }

    /** True when the caller is to queue a read: none is queued yet (the read clears it as it starts). */
    synchronized boolean request() {
        if (stopped || requested) {
            return false;
        }
        requested = true;
        return true;
    }

    /** The queued read starts (or could not be queued): a later request queues another. */
    synchronized void started() {
        requested = false;
    }

    /** The first reading after {@code sequence}, or after {@code waitMillis} one saying that none came. */
    synchronized HostPtpReading await(long sequence, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (latest.sequence() <= sequence && !stopped) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new HostPtpReading(sequence, now(), Optional.empty(),
                        "no reading of ptp4l within " + waitMillis + " ms");
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        if (latest.sequence() > sequence) {
            return latest;
        }
        return new HostPtpReading(sequence, now(), Optional.empty(), "the pmc adapter is stopped");
    }

    /** No more readings: every waiter gets one saying so, now. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    static long now() {
        return EpicsTime.unixNanos(Instant.now());
    }
}
