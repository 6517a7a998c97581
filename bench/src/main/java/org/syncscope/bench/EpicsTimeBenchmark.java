package org.syncscope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.api.time.EpicsTimestamp;

/**
 * Cost of the EPICS-epoch conversions that every Channel Access update and every published
 * value goes through (both directions).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EpicsTimeBenchmark {

    private long unixNanos;
    private int wireSeconds;
    private int wireNanos;

    @Setup
    public void setUp() {
        unixNanos = System.currentTimeMillis() * 1_000_000L + 123_456;
        EpicsTimestamp e = EpicsTime.fromUnixNanos(unixNanos);
        wireSeconds = e.secondsAsUnsignedInt();
        wireNanos = e.nanoseconds();
    }

    @Benchmark
    public EpicsTimestamp unixNanosToEpics() {
        return EpicsTime.fromUnixNanos(unixNanos);
    }

    @Benchmark
    public long wireToUnixNanos() {
        return EpicsTime.fromWire(wireSeconds, wireNanos);
    }
}
