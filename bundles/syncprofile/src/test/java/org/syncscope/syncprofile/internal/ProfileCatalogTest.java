package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.testing.MemorySource;

/**
 * A profile's outputs as a publisher that finds names on demand sees them: names answered by
 * computation, nothing made or posted until a client opens a PV, then every change posted to it.
 */
class ProfileCatalogTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private final MemorySource source = new MemorySource();
    private final OnDemand publisher = new OnDemand();

    /** Serves catalogs as the CA server does: it only remembers them. */
    static final class OnDemand extends FakePvs.Publisher {
        PvCatalog catalog;
        int namesChanged;

        @Override
        public PvCatalog.Served serve(PvCatalog c) {
            catalog = c;
            return new PvCatalog.Served() {
                @Override
                public void namesChanged() {
                    namesChanged++;
                }

                @Override
                public void close() {
                    catalog = null;
                }
            };
        }

        /** What a client's search and channel make: a PV the catalog then posts to. */
        PublishedPv open(String name) {
            PvSpec spec = catalog.find(name);
            assertThat(spec).as(name).isNotNull();
            PublishedPv pv = publish(spec);
            catalog.open(pv);
            return pv;
        }
    }

    private final InlineLane lane = new InlineLane();

    private SyncProfile profile(String pairs, String prefix) {
        return new SyncProfile("cat", new ProfileSettings(List.of("A", "B", "C"), 100, TimestampMode.SOURCE, prefix, 0,
                20_000, 50, Pairing.parse(new String[] {pairs}), 1), source, publisher, lane);
    }

    private void tenHertz(int from, int to) {
        for (int k = from; k < to; k++) {
            source.update("A", T0 + k * 100 * MS);
            source.update("B", T0 + k * 100 * MS + 30 * MS);
            source.update("C", T0 + k * 100 * MS + 50 * MS);
        }
    }

    private void connectAll() {
        for (String pv : List.of("A", "B", "C")) {
            source.connect(pv, true);
            source.update(pv, T0 - 1_000 * MS);   // the value sent on connecting
        }
    }

    @Test
    void namesAreComputedAndNothingIsPublishedOrPostedUntilOpened() {
        profile("all", "");
        connectAll();
        tenHertz(0, 20);
        assertThat(publisher.posts.keySet()).as("only the profile's own health and summary PVs")
                .allMatch(n -> n.startsWith("SYNCPROFILE:cat:"));
        PvCatalog c = publisher.catalog;
        assertThat(c.find("A_vs_B:AvgDiff").units()).isEqualTo("s");
        assertThat(c.find("A_vs_B:AvgDiff").precision()).isEqualTo(6);
        assertThat(c.find("B:StdFreq").units()).isEqualTo("Hz");
        assertThat(c.find("B_vs_A:AvgDiff")).as("A is listed first: B_vs_A is no output").isNull();
        assertThat(c.find("A_vs_B:Avg")).isNull();
        assertThat(c.find("D:AvgFreq")).isNull();
        assertThat(c.find("A_vs_D:AvgDiff")).isNull();
        List<String> names = StreamSupport.stream(c.names().spliterator(), false).toList();
        assertThat(names).hasSize(3 * 5 + 3 * 5).contains("A:InstantFreq", "A_vs_C:CurrentDiff", "B_vs_C:StdDiff");
        assertThat(names).allMatch(n -> c.find(n) != null);
    }

    @Test
    void anOpenedOutputGetsItsCurrentValueAtOnceThenEverySampleUntilClosed() {
        profile("all", "");
        connectAll();
        tenHertz(0, 10);
        PublishedPv avg = publisher.open("A_vs_B:AvgDiff");
        assertThat(publisher.count("A_vs_B:AvgDiff")).as("posted on opening: no UDF").isEqualTo(1);
        assertThat(publisher.last("A_vs_B:AvgDiff").value()).isCloseTo(-0.030, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(publisher.last("A_vs_B:AvgDiff").timestamp()).isEqualTo(T0 + 930 * MS);
        tenHertz(10, 15);
        assertThat(publisher.count("A_vs_B:AvgDiff")).as("one post per pair sample").isEqualTo(6);
        assertThat(publisher.has("A_vs_B:MinDiff")).as("the other outputs stay unmade").isFalse();
        publisher.catalog.closed(avg);
        avg.close();
        tenHertz(15, 20);
        assertThat(publisher.has("A_vs_B:AvgDiff")).isFalse();
        // and the statistics went on meanwhile
        assertThat(publisher.catalog.read(List.of("A_vs_B:CurrentDiff")).get(0).value())
                .isEqualTo(new PvValue.DoubleValue(-0.030));
    }

    @Test
    void readGivesValuesAlarmsAndNothingForUnknownNames() {
        profile("chain", "P:");
        List<PvReading> before = publisher.catalog.read(List.of("P:A_vs_B:AvgDiff"));
        assertThat(before.get(0).value()).as("no sample yet").isNull();
        assertThat(before.get(0).status()).isEqualTo(AlarmStatus.UDF);
        connectAll();
        tenHertz(0, 5);
        source.connect("C", false);
        List<PvReading> r = publisher.catalog.read(List.of("P:A_vs_B:AvgDiff", "P:B_vs_C:CurrentDiff",
                "P:A_vs_C:AvgDiff", "P:A:AvgFreq", "nonsense"));
        assertThat(r.get(0).severity()).isEqualTo(AlarmSeverity.NO_ALARM);
        assertThat(r.get(1).severity()).as("C is gone").isEqualTo(AlarmSeverity.INVALID);
        assertThat(r.get(1).timestampNanos()).isEqualTo(T0 + 450 * MS + 1);
        assertThat(r.get(2)).as("chain: A and C are no pair").isNull();
        assertThat(r.get(3).value()).isEqualTo(new PvValue.DoubleValue(10.0));
        assertThat(r.get(4)).isNull();
    }

    @Test
    void aClosedProfilesCatalogAnswersAtOnceThoughItsThreadHasEnded() throws Exception {
        WorkerLane own = new WorkerLane("cat", 100);
        SyncProfile p = new SyncProfile("cat", new ProfileSettings(List.of("A", "B"), 100, TimestampMode.SOURCE, "", 0,
                100, 50, Pairing.parse(new String[] {"all"}), 1), source, publisher, own);
        PvCatalog c = publisher.catalog;
        assertThat(c.read(List.of("A_vs_B:AvgDiff")).get(0)).as("served while running").isNotNull();
        p.close();
        assertThat(own.awaitTermination(5_000)).isTrue();
        // a listing that began before the close still holds the catalog: nothing may wait for the lane
        assertThat(c.read(List.of("A_vs_B:AvgDiff", "A:AvgFreq"))).containsExactly(null, null);
        assertThat(c.find("A_vs_B:AvgDiff")).isNull();
        PublishedPv late = publisher.publish(PvSpec.ofDouble("A_vs_B:AvgDiff", "s", 6, "late"));
        assertThatThrownBy(() -> c.open(late)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closed");
    }

    @Test
    void anEditClosesTheOpenOutputsOfNamesGoneAndTellsThePublisher() {
        SyncProfile p = profile("all", "");
        connectAll();
        tenHertz(0, 5);
        publisher.open("A_vs_C:AvgDiff");
        publisher.open("B_vs_C:AvgDiff");
        int told = publisher.namesChanged;
        p.apply(new ProfileSettings(List.of("A", "B", "C"), 100, TimestampMode.SOURCE, "", 0, 20_000, 50,
                Pairing.parse(new String[] {"chain"}), 1));
        assertThat(publisher.closed).as("A_vs_C is no chain pair").containsExactly("A_vs_C:AvgDiff");
        assertThat(publisher.namesChanged).isEqualTo(told + 1);
        assertThat(publisher.catalog.find("A_vs_C:AvgDiff")).isNull();
        assertThatThrownBy(() -> publisher.catalog.open(publisher.publish(PvSpec.ofDouble("A_vs_C:MinDiff", "s", 6, ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A_vs_C:MinDiff");
        int posts = publisher.count("B_vs_C:AvgDiff");
        tenHertz(5, 7);
        assertThat(publisher.count("B_vs_C:AvgDiff")).as("the kept pair's open output goes on").isEqualTo(posts + 2);
    }

    @Test
    void theHealthAndSummaryPvsNameTheWorstPairs() {
        SyncProfile p = profile("all", "");
        connectAll();
        tenHertz(0, 20);
        lane.tick();   // the once-a-second status tick
        assertThat(p.processedUpdates()).isEqualTo(3 + 60);
        assertThat(publisher.last("SYNCPROFILE:cat:ProcessedUpdates").value()).isEqualTo(63);
        assertThat(publisher.last("SYNCPROFILE:cat:LatencyP99").value()).as("updates stamped in 2025: seconds late")
                .isGreaterThan(1);
        assertThat(publisher.last("SYNCPROFILE:cat:LargestCurrentDiff").value()).as("A_vs_C: -50 ms")
                .isCloseTo(-0.050, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(publisher.count("SYNCPROFILE:cat:WorstAvgPair1")).isPositive();
        assertThat(SummaryOutputs.shorten("X".repeat(30) + "_vs_" + "Y".repeat(30))).hasSize(39).contains("~");
    }
}
