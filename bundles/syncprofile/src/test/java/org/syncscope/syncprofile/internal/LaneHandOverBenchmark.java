package org.syncscope.syncprofile.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;

/**
 * ns to hand one PV update from a source thread to a sync profile's thread (the CA client's
 * callback does only this): the lane's lock, a slot in its ring, a wake-up when its thread waits.
 * The profile thread drains into a sink that does nothing, so what is measured is the hand-over,
 * including its contention with the thread taking updates out; the updates dropped because the
 * queue was full (the cheaper path) are printed at the end. In the profile's package (this bundle's
 * test sources), as its sink sees a package-private type; it reaches {@code bench/target/benchmarks.jar}
 * through this bundle's test-jar.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LaneHandOverBenchmark {

    private final AtomicLong taken = new AtomicLong();
    private WorkerLane lane;
    private PvUpdate update;

    @Setup
    public void setUp() {
        lane = new WorkerLane("bench", 1 << 16);
        lane.start((from, u) -> taken.lazySet(taken.get() + 1));
        update = new PvUpdate("BENCH:PV", new PvValue.DoubleValue(1), 1_700_000_000_000_000_000L,
                1_700_000_000_000_000_000L, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        System.out.printf("%n  taken by the profile thread %d, dropped (queue full) %d%n", taken.get(), lane.dropped());
        lane.shutdown();
        lane.awaitTermination(5_000);
    }

    @Benchmark
    public boolean offer() {
        return lane.offer(null, update);
    }
}
