package org.syncscope.syncprofile.internal;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.testing.MemorySource;

/**
 * ns for a sync profile to process one PV update of n inputs with all pairs (n − 1 pairs per
 * update), window 100, on the profile's code path as in the server: the update arrives through
 * the source's listener, is handed to the lane (here one that runs it at once), filtered, its
 * frequency sampled and its n − 1 pairs updated, with no output open (no client): what a
 * profile costs per update when nobody watches its outputs. Updates come from the inputs in a
 * random order, 0.1–0.2 ms apart. In this bundle's test sources (package-private types); it
 * reaches {@code bench/target/benchmarks.jar} through the test-jar.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class ProfileUpdateCostBenchmark {

    private static final int SCHEDULE = 1 << 16;
    private static final long T0 = 1_700_000_000_000_000_000L;

    @Param({"10", "100", "1000"})
    public int pvs;

    private final MemorySource source = new MemorySource();
    private SyncProfile profile;
    private String[] names;
    private org.syncscope.api.pv.PvListener[] listeners;
    private int[] schedulePv;
    private long[] scheduleGap;
    private long now = T0;
    private int next;

    @Setup
    public void setUp() {
        List<String> inputs = IntStream.range(0, pvs).mapToObj(i -> String.format("B:%04d", i)).toList();
        names = inputs.toArray(new String[0]);
        profile = new SyncProfile("bench", new ProfileSettings(inputs, 100, TimestampMode.SOURCE, "", 0), source,
                new NobodyWatches(), new InlineLane());
        for (String n : names) {
            source.connect(n, true);
            source.update(n, now++);   // the current value sent on connecting
        }
        listeners = new org.syncscope.api.pv.PvListener[pvs];
        for (int i = 0; i < pvs; i++) {
            listeners[i] = source.listener(names[i]);
        }
        SplittableRandom random = new SplittableRandom(3);
        schedulePv = new int[SCHEDULE];
        scheduleGap = new long[SCHEDULE];
        for (int k = 0; k < SCHEDULE; k++) {
            schedulePv[k] = random.nextInt(pvs);
            scheduleGap[k] = 100_000L + random.nextInt(100_000);
        }
    }

    @TearDown
    public void tearDown() {
        profile.close();
    }

    @Benchmark
    public void update() {
        int pv = schedulePv[next];
        now += scheduleGap[next];
        next = (next + 1) & (SCHEDULE - 1);
        // as the CA source delivers it: a new update object per monitor event
        listeners[pv].onUpdate(new org.syncscope.api.pv.PvUpdate(names[pv], VALUE, now, now,
                org.syncscope.api.pv.AlarmSeverity.NO_ALARM, org.syncscope.api.pv.AlarmStatus.NO_ALARM));
    }

    private static final org.syncscope.api.pv.PvValue VALUE = new org.syncscope.api.pv.PvValue.DoubleValue(1);

    /** A CA server no client has asked anything yet: outputs served on demand, none open. */
    static final class NobodyWatches implements PvPublisher {
        @Override
        public PublishedPv publish(PvSpec spec) {
            return new PublishedPv() {
                @Override
                public PvSpec spec() {
                    return spec;
                }

                @Override
                public void post(org.syncscope.api.pv.PvValue value, long timestampNanos,
                                 org.syncscope.api.pv.AlarmSeverity severity, org.syncscope.api.pv.AlarmStatus status) {
                }

                @Override
                public int subscriberCount() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public List<PublishedPv> published() {
            return List.of();
        }

        @Override
        public PvCatalog.Served serve(PvCatalog catalog) {
            return new PvCatalog.Served() {
                @Override
                public void namesChanged() {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
