package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.testing.MemorySource;

/** A profile whose pairs are split over threads gives exactly what it gives on one. */
class PartitionedProfileTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final List<String> PVS = IntStream.range(0, 12).mapToObj(i -> "P" + i).toList();

    private static ProfileSettings settings(int threads) {
        return new ProfileSettings(PVS, 20, TimestampMode.SOURCE, "", 0, 20_000, 100, Pairing.ALL, threads);
    }

    @Test
    void fourThreadsGiveTheSameStatisticsAndPostsAsOne() {
        MemorySource source1 = new MemorySource();
        MemorySource source4 = new MemorySource();
        FakePvs.Publisher out1 = new FakePvs.Publisher();
        FakePvs.Publisher out4 = new FakePvs.Publisher();
        SyncProfile one = new SyncProfile("one", settings(1), source1, out1, new InlineLane());
        SyncProfile four = new SyncProfile("four", settings(4), source4, out4, new InlineLane());
        try {
            assertThat(threadsNamed("syncprofile-four-pairs-")).isEqualTo(3);
            SplittableRandom random = new SplittableRandom(8);
            long[] clock = new long[PVS.size()];
            java.util.Arrays.fill(clock, T0);
            for (String pv : PVS) {
                source1.connect(pv, true);
                source4.connect(pv, true);
            }
            for (int step = 0; step < 20_000; step++) {
                int i = random.nextInt(PVS.size());
                if (random.nextInt(2_000) == 0) {   // now and then an input drops out and returns
                    source1.connect(PVS.get(i), false);
                    source4.connect(PVS.get(i), false);
                    source1.connect(PVS.get(i), true);
                    source4.connect(PVS.get(i), true);
                }
                clock[i] += 1 + random.nextInt(5_000_000);
                source1.update(PVS.get(i), clock[i]);
                source4.update(PVS.get(i), clock[i]);
            }
            ProfileStatus s1 = one.status();
            ProfileStatus s4 = four.status();
            assertThat(s4.pairs()).hasSize(66).isEqualTo(s1.pairs());
            assertThat(s4.pairs()).allMatch(p -> p.samples() > 0);
            for (String pair : List.of("P0_vs_P1", "P3_vs_P7", "P10_vs_P11")) {
                for (String field : List.of(":CurrentDiff", ":AvgDiff", ":MinDiff", ":MaxDiff", ":StdDiff")) {
                    await().atMost(Duration.ofSeconds(5))
                            .until(() -> out4.posts.get(pair + field).size() == out1.posts.get(pair + field).size());
                    assertThat(out4.posts.get(pair + field)).as(pair + field).isEqualTo(out1.posts.get(pair + field));
                }
            }
        } finally {
            one.close();
            four.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed("syncprofile-four-pairs-") == 0);
    }

    @Test
    void anEditKeepsThePairsAndReplacesTheThreads() {
        MemorySource source = new MemorySource();
        FakePvs.Publisher out = new FakePvs.Publisher();
        SyncProfile p = new SyncProfile("edit", settings(3), source, out, new InlineLane());
        try {
            for (String pv : PVS) {
                source.connect(pv, true);
            }
            for (int k = 0; k < 50; k++) {
                for (int i = 0; i < PVS.size(); i++) {
                    source.update(PVS.get(i), T0 + k * 100_000_000L + i * 1_000L);
                }
            }
            List<ProfileStatus.Pair> before = p.status().pairs();
            p.apply(settings(2));
            assertThat(p.status().pairs()).as("statistics kept across a new partitioning").isEqualTo(before);
            await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed("syncprofile-edit-pairs-") == 1);
        } finally {
            p.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed("syncprofile-edit-pairs-") == 0);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }
}
