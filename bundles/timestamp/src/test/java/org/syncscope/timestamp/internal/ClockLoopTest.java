package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;

/**
 * The clock loop on a hand-moved clock, fed a scripted reference once a second as the NTP round
 * would: a reference running 20 ppm fast that steps ±2 s, one that is 1 000 s away, a single wild
 * sample. No sleeps: the test moves the monotonic clock in 10 ms steps and reads the clock at each.
 */
class ClockLoopTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_760_000_000L * S;
    private static final double REF_RATE = 20e-6;
    private static final int MAX_SLEW_PPM = 50_000;

    private final FakeEventSystem.Clock clock = new FakeEventSystem.Clock(T0);
    private final long mono0 = clock.mono;
    /** Where the reference stands relative to its steady course, ns. */
    private long step;
    private final TimestampEngine engine = new TimestampEngine(new TimestampSettings(false, 1, 18323, 18322, 250, true,
            "127.0.0.1:12399", 0, 2.0, "", AddressList.EMPTY, null)
            .withLimits(new ClockLimits(MAX_SLEW_PPM, 10, 600, 4, true)), null, "", clock, Runnable::run);
    private long last = Long.MIN_VALUE;
    private double fastest = Double.NEGATIVE_INFINITY;
    private double slowest = Double.POSITIVE_INFINITY;
    private double largestFrequencyError;

    private long reference() {
        return T0 + Math.round((clock.mono - mono0) * (1 + REF_RATE)) + step;
    }

    /** One sync period: 100 steps of 10 ms (time checked at each), then one sample of the reference. */
    private void period() {
        for (int i = 0; i < 100; i++) {
            long before = engine.currentTime();
            clock.advance(10 * MS);
            long now = engine.currentTime();
            assertThat(now).as("time never goes back").isGreaterThanOrEqualTo(before);
            assertThat(now).isGreaterThanOrEqualTo(last);
            last = now;
            double rate = (now - before) / (10.0 * MS) - 1;
            fastest = Math.max(fastest, rate);
            slowest = Math.min(slowest, rate);
        }
        engine.adjustToNtp(reference() - engine.currentTime(), 30_000, "ref", clock.mono);
        if (engine.loopState() != ClockLoop.State.HELD) {
            largestFrequencyError = Math.max(largestFrequencyError, Math.abs(engine.frequencyPpb() / 1e9 - REF_RATE));
        }
    }

    private void lockedFor(int periods) {
        for (int i = 0; i < periods; i++) {
            period();
        }
    }

    private long offset() {
        return reference() - engine.currentTime();
    }

    @Test
    void aTwoSecondStepEitherWayIsHeldThenSlewedAtTheMaximumRateNeverBackAndTheFrequencyStays() {
        lockedFor(30);
        assertThat(engine.frequencyPpb() / 1e3).as("frequency learnt, ppm").isCloseTo(20, org.assertj.core.data.Offset.offset(0.5));
        assertThat(Math.abs(offset())).as("locked").isLessThan(50_000);
        largestFrequencyError = 0;   // from here the estimate must hold through both steps

        for (long jump : new long[] {2 * S, -2 * S}) {
            step += jump;
            fastest = Double.NEGATIVE_INFINITY;
            slowest = Double.POSITIVE_INFINITY;
            period();
            assertThat(engine.loopState()).as("the first sample of the jump is held").isEqualTo(ClockLoop.State.HELD);
            assertThat(engine.alarm()).isTrue();
            period();
            assertThat(engine.loopState()).isEqualTo(ClockLoop.State.HELD);
            period();
            assertThat(engine.loopState()).as("three samples agree: followed").isEqualTo(ClockLoop.State.SLEWING);
            assertThat(engine.alarm()).isFalse();
            int periods = 0;
            while (Math.abs(offset()) > 100_000 && periods++ < 100) {
                period();
            }
            // 2 s at 50 000 ppm: 40 s
            assertThat(periods).as("slewed in about 2 s / 50 000 ppm").isBetween(38, 44);
            lockedFor(5);
            assertThat(engine.loopState()).isEqualTo(ClockLoop.State.LOCKED);
            double extreme = jump > 0 ? fastest : slowest;
            assertThat(Math.abs(extreme) * 1e6).as("slew rate, ppm").isCloseTo(MAX_SLEW_PPM,
                    org.assertj.core.data.Offset.offset(MAX_SLEW_PPM * 0.01));
        }
        assertThat(largestFrequencyError * 1e6).as("frequency estimate off by, ppm").isLessThan(10);
        assertThat(engine.status().backwardsPrevented()).isZero();
    }

    @Test
    void aServerAThousandSecondsAwayIsRefusedWithAnAlarmAndTheClockStays() {
        step = 1000 * S;
        long before = engine.currentTime();
        period();
        assertThat(engine.loopState()).isEqualTo(ClockLoop.State.PANIC);
        assertThat(engine.alarm()).isTrue();
        assertThat(engine.loopProblem()).contains("NTP server ref is 1000.000 s away, beyond panicSeconds = 600.0: not followed");
        assertThat(engine.status().inSync()).isFalse();
        period();
        assertThat(engine.currentTime() - before).as("not followed: only time passing").isLessThan(3 * S);
        assertThat(engine.report()).contains("PROBLEM: NTP server ref is 1000.000 s away");

        step = 0;   // the server is put right
        period();
        assertThat(engine.loopState()).isIn(ClockLoop.State.LOCKED, ClockLoop.State.SLEWING);
        assertThat(engine.alarm()).isFalse();
    }

    @Test
    void aLockedClockDoesNotFollowAServerThatJumpsAThousandSecondsEither() {
        lockedFor(10);
        long before = engine.currentTime();
        step = 1000 * S;
        lockedFor(4);
        assertThat(engine.loopState()).isEqualTo(ClockLoop.State.PANIC);
        assertThat(engine.currentTime() - before).isLessThan(5 * S);
    }

    @Test
    void aLeadBeyondTheStepThresholdIsSteppedForward() {
        step = 20 * S;
        period();
        assertThat(Math.abs(offset())).as("stepped to the reference").isLessThan(MS);
        assertThat(engine.loopState()).isEqualTo(ClockLoop.State.LOCKED);
    }

    @Test
    void oneWildSampleIsDroppedAndMovesNothing() {
        lockedFor(20);
        double frequency = engine.frequencyPpb();
        long offsetBefore = offset();
        step = 5 * MS;
        period();
        assertThat(engine.loopState()).isEqualTo(ClockLoop.State.HELD);
        step = 0;
        period();
        assertThat(engine.loopState()).isEqualTo(ClockLoop.State.LOCKED);
        assertThat(Math.abs(offset() - offsetBefore)).as("the wild sample corrected nothing").isLessThan(20_000);
        assertThat(engine.frequencyPpb()).isCloseTo(frequency, org.assertj.core.data.Offset.offset(200.0));
        assertThat(engine.report()).contains("samples dropped 1");
    }
}
