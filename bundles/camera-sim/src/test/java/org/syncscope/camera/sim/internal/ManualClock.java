package org.syncscope.camera.sim.internal;

/** A clock a test moves by hand. */
final class ManualClock implements SimClock {
    long mono = 5_000_000_000L;
    long trueTime = 1_795_000_000_000_000_000L;

    void advanceMillis(long ms) {
        mono += ms * 1_000_000L;
        trueTime += ms * 1_000_000L;
    }

    @Override
    public long monotonicNanos() {
        return mono;
    }

    @Override
    public long trueTimeNanos() {
        return trueTime;
    }
}
