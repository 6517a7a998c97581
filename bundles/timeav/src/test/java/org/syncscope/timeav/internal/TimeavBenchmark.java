package org.syncscope.timeav.internal;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sample of a running TIMEAV device with a full window (output computed after each sample):
 * the cost per sample event, for the window sizes sites use. In the device's package (this bundle's
 * test sources), as it drives an {@link Averager} directly; it reaches {@code bench/target/benchmarks.jar}
 * through this bundle's test-jar.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimeavBenchmark {

    private static final int INPUTS = 1 << 12;

    @Param({"10", "1000"})
    public int maxPoints;

    @Param({"null", "sd", "life"})
    public String direction;

    private Averager averager;
    private double[][] inputs;
    private int next;
    private long time;

    @Setup
    public void setUp() throws Exception {
        averager = new Averager(TimeavExpression.parse("X | p,100 | null | " + maxPoints + " | " + direction));
        SplittableRandom random = new SplittableRandom(1);
        inputs = new double[INPUTS][];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = new double[] {1000 + random.nextGaussian()};
        }
        for (int i = 0; i <= maxPoints; i++) {
            sample();
        }
    }

    @Benchmark
    public Object sample() {
        time += 100_000_000L;
        Object out = averager.sample(inputs[next], time);
        next = (next + 1) & (INPUTS - 1);
        return out;
    }
}
