package org.syncscope.rebind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;

class RebindingSourceTest {

    private final RebindingSource source = new RebindingSource();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final PvListener listener = new PvListener() {
        @Override
        public void onUpdate(PvUpdate update) {
            heard.add(update.pvName() + "=" + ((PvValue.DoubleValue) update.value()).value());
        }

        @Override
        public void onConnectionChanged(String pvName, boolean connected) {
            heard.add(pvName + (connected ? " up" : " down"));
        }
    };

    @Test
    void aSubscriptionMadeBeforeTheSourceStartsOnBindAndFollowsEveryNewSource() {
        Subscription s = source.subscribe("T:A", listener);
        assertThat(s.isConnected()).isFalse();
        FakeSource ca = new FakeSource();
        source.bind(ca);
        FakeSource.FakeSubscription first = ca.open().get(0);
        first.connect();
        first.send(1);
        assertThat(s.isConnected()).isTrue();
        source.unbind(ca);
        assertThat(first.closed).isTrue();
        assertThat(s.isConnected()).isFalse();
        first.send(99);   // a late callback of the source that left: dropped
        FakeSource next = new FakeSource();
        source.bind(next);
        FakeSource.FakeSubscription second = next.open().get(0);
        second.connect();
        second.send(2);
        assertThat(heard).containsExactly("T:A up", "T:A=1.0", "T:A down", "T:A up", "T:A=2.0");
    }

    @Test
    void aGreedyReplacementClosesTheOldSubscriptionsAndTheOldUnbindChangesNothing() {
        source.subscribe("T:A", listener);
        FakeSource first = new FakeSource();
        FakeSource second = new FakeSource();
        source.bind(first);
        first.open().get(0).connect();
        source.bind(second);
        assertThat(first.open()).isEmpty();
        source.unbind(first);
        assertThat(second.open()).hasSize(1);
        second.open().get(0).send(3);
        assertThat(heard).containsExactly("T:A up", "T:A down", "T:A=3.0");
    }

    @Test
    void aClosedSubscriptionIsNotMadeAgainAndHearsNothing() {
        Subscription s = source.subscribe("T:A", listener);
        FakeSource ca = new FakeSource();
        source.bind(ca);
        FakeSource.FakeSubscription first = ca.open().get(0);
        s.close();
        assertThat(first.closed).isTrue();
        first.send(5);
        source.unbind(ca);
        FakeSource next = new FakeSource();
        source.bind(next);
        assertThat(next.subscriptions).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void readsNeedASourceAndBadNamesAreRefusedByIt() throws Exception {
        assertThatThrownBy(() -> source.get("T:A", java.time.Duration.ofSeconds(1))).isInstanceOf(PvException.class)
                .hasMessageContaining("T:A").hasMessageContaining("no PV source is bound");
        FakeSource ca = new FakeSource();
        source.bind(ca);
        assertThat(source.get("T:A", java.time.Duration.ofSeconds(1)).value()).isEqualTo(new PvValue.DoubleValue(42));
        assertThatThrownBy(() -> source.subscribe("T: A", listener)).hasMessage("bad name 'T: A'");
    }
}
