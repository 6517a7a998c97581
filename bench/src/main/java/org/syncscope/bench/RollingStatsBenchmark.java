package org.syncscope.bench;

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
import org.syncscope.stats.RollingStats;

/** ns per {@link RollingStats#add(double)}, with the window full, on frequencies near 10 Hz. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RollingStatsBenchmark {

    private static final int INPUTS = 1 << 16;

    @Param({"100", "10000"})
    public int window;

    private RollingStats stats;
    private double[] inputs;
    private int next;

    @Setup
    public void setUp() {
        stats = new RollingStats(window);
        SplittableRandom random = new SplittableRandom(1);
        inputs = new double[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = 10.0 + random.nextGaussian() * 0.05;
        }
        for (int i = 0; i < window; i++) {
            stats.add(inputs[i % INPUTS]);
        }
    }

    @Benchmark
    public double add() {
        stats.add(inputs[next]);
        next = (next + 1) & (INPUTS - 1);
        return stats.mean();
    }
}
