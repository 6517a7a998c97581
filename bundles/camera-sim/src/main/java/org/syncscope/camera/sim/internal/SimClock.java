package org.syncscope.camera.sim.internal;

/** The two clocks a simulated camera needs: monotonic (state machine) and true time (PTP-locked clock). */
interface SimClock {

    /** Monotonic ns, as {@link System#nanoTime()}. */
    long monotonicNanos();

    /** True time, ns since the Unix epoch: what a perfectly locked PTP clock would read. */
    long trueTimeNanos();
}
