package org.syncscope.api.ptp;

/**
 * The host's PTP status as its one poller reads it: consumers take these readings instead of
 * asking ptp4l themselves, so every PV and verdict about the host's role comes from the same
 * readings. Thread safe.
 */
public interface HostPtpReadings {

    /** The latest reading (sequence 0 when nothing was read yet); never waits. */
    HostPtpReading latest();

    /**
     * The first reading newer than {@code sequence}: a periodic one when it is due, else one made
     * for this call at once. Pass {@code latest().sequence()} for a reading made from now on, or the
     * sequence already judged for the next one. Waits at most as long as the provider's own timeout
     * for reading ptp4l allows (plus a margin); when nothing newer came by then, or the provider
     * stopped, the reading returned has {@code sequence} and an error saying why.
     */
    HostPtpReading after(long sequence) throws InterruptedException;
}
