package org.syncscope.publish.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/** Every PV on every configured protocol's server, each server coming and going on its own. */
class AllProtocolsPublisherTest {

    private static final long T = 1_700_000_000_123_456_789L;

    /** A pvAccess-like server: records like the CA one, and carries tables. */
    private static final class TableCarrier implements PvPublisher {
        final RecordingPublisher recorder = new RecordingPublisher();

        @Override
        public PublishedPv publish(PvSpec spec) {
            return recorder.publish(spec);
        }

        @Override
        public boolean carries(PvType type) {
            return true;
        }

        @Override
        public List<PublishedPv> published() {
            return recorder.published();
        }
    }

    private final RecordingPublisher ca = new RecordingPublisher();
    private final TableCarrier pva = new TableCarrier();

    private static AllProtocolsPublisher publisher(String... protocols) {
        Map<String, Object> props = Configs.fromFile("org.syncscope.publish.cfg", "protocols", protocols);
        return new AllProtocolsPublisher(Configs.of(PublishConfig.class, props), props);
    }

    private static Map<String, Object> protocol(String p) {
        return Map.of("protocol", p);
    }

    @Test
    void aPostReachesEveryServerAndALateServerGetsTheLastValue() {
        AllProtocolsPublisher all = publisher("ca", "pva");
        all.addServer(ca, protocol("ca"));
        PublishedPv pv = all.publish(PvSpec.ofDouble("X:A", "s", 3, "a"));
        pv.post(1.5, T, AlarmSeverity.MINOR, AlarmStatus.HIGH);
        assertThat(ca.lastPost("X:A").value()).isEqualTo(new PvValue.DoubleValue(1.5));

        all.addServer(pva, protocol("pva"));
        RecordingPublisher.Posted first = pva.recorder.lastPost("X:A");
        assertThat(first.value()).isEqualTo(new PvValue.DoubleValue(1.5));
        assertThat(first.stampNanos()).isEqualTo(T);
        assertThat(first.severity()).isEqualTo(AlarmSeverity.MINOR);

        pv.post(new PvValue.DoubleValue(2.5), T + 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(ca.lastPost("X:A").stampNanos()).isEqualTo(T + 1);
        assertThat(pva.recorder.lastPost("X:A").stampNanos()).isEqualTo(T + 1);
    }

    @Test
    void aServerGoingAwayTakesOnlyItsCopiesAndComingBackServesThemAgain() {
        AllProtocolsPublisher all = publisher("ca", "pva");
        all.addServer(ca, protocol("ca"));
        all.addServer(pva, protocol("pva"));
        PublishedPv pv = all.publish(PvSpec.ofLong("X:N", "", "n"));
        pv.post(new PvValue.LongValue(7), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);

        all.removeServer(ca, protocol("ca"));
        assertThat(ca.servedNames()).isEmpty();
        assertThat(pva.recorder.servedNames()).containsExactly("X:N");
        pv.post(new PvValue.LongValue(8), T + 5, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);

        RecordingPublisher redeployed = new RecordingPublisher();
        all.addServer(redeployed, protocol("ca"));
        assertThat(redeployed.lastPost("X:N").value()).isEqualTo(new PvValue.LongValue(8));
        assertThat(redeployed.lastPost("X:N").stampNanos()).isEqualTo(T + 5);

        pv.close();
        assertThat(redeployed.servedNames()).isEmpty();
        assertThat(pva.recorder.servedNames()).isEmpty();
        assertThatThrownBy(() -> pv.post(1, T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPutOneServerTakesReachesTheOtherProtocolsAndARefusedOneNone() {
        AllProtocolsPublisher all = publisher("ca", "pva");
        all.addServer(ca, protocol("ca"));
        all.addServer(pva, protocol("pva"));
        List<PvValue> handled = new java.util.ArrayList<>();
        PublishedPv pv = all.publish(PvSpec.ofLong("X:W", "", "writable").withWriteHandler(v -> {
            if (((PvValue.LongValue) v).value() < 0) {
                throw new IllegalArgumentException("X:W takes no negative values");
            }
            handled.add(v);
        }));
        pv.post(new PvValue.LongValue(0), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        int caPosts = ca.posts("X:W").size();

        // the pvAccess server accepts a put: it calls the handler it was given (and then posts it itself)
        pva.recorder.served.get("X:W").spec().writeHandler().onWrite(new PvValue.LongValue(7));

        assertThat(handled).containsExactly(new PvValue.LongValue(7));
        RecordingPublisher.Posted onCa = ca.lastPost("X:W");
        assertThat(onCa.value()).isEqualTo(new PvValue.LongValue(7));
        assertThat(onCa.severity()).isEqualTo(AlarmSeverity.NO_ALARM);
        assertThat(onCa.stampNanos()).isGreaterThan(T);
        assertThat(ca.posts("X:W")).hasSize(caPosts + 1);
        assertThat(pva.recorder.lastPost("X:W").value()).as("the server that took the put posts it itself")
                .isEqualTo(new PvValue.LongValue(0));

        assertThatThrownBy(() -> ca.served.get("X:W").spec().writeHandler().onWrite(new PvValue.LongValue(-1)))
                .hasMessage("X:W takes no negative values");
        assertThat(pva.recorder.lastPost("X:W").value()).as("a refused put reaches no server").isEqualTo(new PvValue.LongValue(0));

        // a server coming later gets the written value
        all.removeServer(ca, protocol("ca"));
        all.addServer(ca, protocol("ca"));
        assertThat(ca.lastPost("X:W").value()).isEqualTo(new PvValue.LongValue(7));
    }

    /** A catalog of one name that, like a sync profile, keeps one PV per name and posts to it. */
    private static final class OneSlotCatalog implements PvCatalog {
        final PvSpec spec = PvSpec.ofDouble("X:CAT", "Hz", 3, "on demand");
        PublishedPv slot;
        int opens;
        int closes;

        @Override
        public PvSpec find(String name) {
            return name.equals(spec.name()) ? spec : null;
        }

        @Override
        public Iterable<String> names() {
            return List.of(spec.name());
        }

        @Override
        public synchronized void open(PublishedPv pv) {
            opens++;
            slot = pv;
            pv.post(1, T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }

        @Override
        public synchronized void closed(PublishedPv pv) {
            closes++;
            if (slot == pv) {
                slot = null;
            }
        }

        @Override
        public List<PvReading> read(List<String> names) {
            return java.util.Collections.nCopies(names.size(), null);
        }
    }

    @Test
    void aCatalogNameOpenOnTwoServersIsOnePvToTheCatalogAndItsPostsReachBoth() {
        AllProtocolsPublisher all = publisher("ca", "pva");
        all.addServer(ca, protocol("ca"));
        OneSlotCatalog catalog = new OneSlotCatalog();
        all.serve(catalog);   // the recording servers open every name at once (PvPublisher's default)
        all.addServer(pva, protocol("pva"));
        assertThat(catalog.opens).as("opened once, for both servers").isEqualTo(1);
        assertThat(pva.recorder.lastPost("X:CAT").value()).as("the later server gets the last post")
                .isEqualTo(new PvValue.DoubleValue(1));

        catalog.slot.post(2, T + 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(ca.lastPost("X:CAT").value()).isEqualTo(new PvValue.DoubleValue(2));
        assertThat(pva.recorder.lastPost("X:CAT").value()).isEqualTo(new PvValue.DoubleValue(2));

        all.removeServer(ca, protocol("ca"));
        assertThat(catalog.closes).as("still open on pvAccess").isZero();
        catalog.slot.post(3, T + 2, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(pva.recorder.lastPost("X:CAT").value()).isEqualTo(new PvValue.DoubleValue(3));
        all.removeServer(pva, protocol("pva"));
        assertThat(catalog.closes).as("closed when the last server let it go").isEqualTo(1);
        assertThat(catalog.slot).isNull();
    }

    @Test
    void tablesGoOnlyToServersThatCarryThem() {
        AllProtocolsPublisher all = publisher("ca", "pva");
        all.addServer(ca, protocol("ca"));
        all.addServer(pva, protocol("pva"));
        all.publish(PvSpec.ofTable("X:Table", "t",
                List.of(new PvValue.TableValue.Column("name", "Name", PvValue.TableValue.Column.Kind.STRING))));
        assertThat(ca.servedNames()).isEmpty();
        assertThat(pva.recorder.servedNames()).containsExactly("X:Table");
    }

    @Test
    void theProtocolsKeyChoosesTheServersLive() {
        AllProtocolsPublisher all = publisher("ca");
        all.addServer(ca, protocol("ca"));
        all.addServer(pva, protocol("pva"));
        PublishedPv pv = all.publish(PvSpec.ofDouble("X:B", "", 1, "b"));
        pv.post(3, T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(pva.recorder.servedNames()).isEmpty();

        Map<String, Object> both = Configs.fromFile("org.syncscope.publish.cfg", "protocols", new String[] {"ca", "pva"});
        all.modified(Configs.of(PublishConfig.class, both), both);
        assertThat(pva.recorder.lastPost("X:B").value()).isEqualTo(new PvValue.DoubleValue(3));

        Map<String, Object> pvaOnly = Configs.fromFile("org.syncscope.publish.cfg", "protocols", "pva");
        all.modified(Configs.of(PublishConfig.class, pvaOnly), pvaOnly);
        assertThat(ca.servedNames()).isEmpty();
        assertThat(pva.recorder.servedNames()).containsExactly("X:B");

        // a bad value keeps what serves
        Map<String, Object> bad = Configs.fromFile("org.syncscope.publish.cfg", "protocols", "CA!");
        all.modified(Configs.of(PublishConfig.class, bad), bad);
        assertThat(pva.recorder.servedNames()).containsExactly("X:B");
        assertThatThrownBy(() -> ProtocolSet.parse(new String[] {"ca", "CA!"}))
                .hasMessage("protocols: 'CA!' is not a protocol name (e.g. ca, pva)");
        assertThatThrownBy(() -> ProtocolSet.parse(new String[] {" "})).hasMessageContaining("protocols: empty");
    }

    @Test
    void aRefusedPublishLeavesNothingAnywhere() {
        AllProtocolsPublisher all = publisher("ca", "pva");
        all.addServer(pva, protocol("pva"));
        all.addServer(ca, protocol("ca"));
        ca.publish(PvSpec.ofDouble("X:Taken", "", 1, "already there"));
        assertThatThrownBy(() -> all.publish(PvSpec.ofDouble("X:Taken", "", 1, "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already published");
        assertThat(pva.recorder.servedNames()).isEmpty();
        all.publish(PvSpec.ofDouble("X:Free", "", 1, "d"));
        assertThatThrownBy(() -> all.publish(PvSpec.ofDouble("X:Free", "", 1, "d")))
                .hasMessage("PV X:Free is already published");
    }

    @Test
    void deactivatingWithdrawsEverything() {
        AllProtocolsPublisher all = publisher("ca", "pva");
        all.addServer(ca, protocol("ca"));
        all.addServer(pva, protocol("pva"));
        all.publish(PvSpec.ofDouble("X:C", "", 1, "c"));
        all.deactivate();
        assertThat(ca.servedNames()).isEmpty();
        assertThat(pva.recorder.servedNames()).isEmpty();
    }
}
