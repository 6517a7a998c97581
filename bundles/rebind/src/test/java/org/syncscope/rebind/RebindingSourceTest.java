package org.syncscope.rebind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.testing.MemorySource;

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
        MemorySource ca = new MemorySource();
        source.bind(ca);
        MemorySource.Sub first = ca.open().get(0);
        first.connect();
        first.send(new PvValue.DoubleValue(1));
        assertThat(s.isConnected()).isTrue();
        source.unbind(ca);
        assertThat(first.closed).isTrue();
        assertThat(s.isConnected()).isFalse();
        first.send(new PvValue.DoubleValue(99));   // a late callback of the source that left: dropped
        MemorySource next = new MemorySource();
        source.bind(next);
        MemorySource.Sub second = next.open().get(0);
        second.connect();
        second.send(new PvValue.DoubleValue(2));
        assertThat(heard).containsExactly("T:A up", "T:A=1.0", "T:A down", "T:A up", "T:A=2.0");
    }

    @Test
    void aGreedyReplacementClosesTheOldSubscriptionsAndTheOldUnbindChangesNothing() {
        source.subscribe("T:A", listener);
        MemorySource first = new MemorySource();
        MemorySource second = new MemorySource();
        source.bind(first);
        first.open().get(0).connect();
        source.bind(second);
        assertThat(first.open()).isEmpty();
        source.unbind(first);
        assertThat(second.open()).hasSize(1);
        second.open().get(0).send(new PvValue.DoubleValue(3));
        assertThat(heard).containsExactly("T:A up", "T:A down", "T:A=3.0");
    }

    @Test
    void aClosedSubscriptionIsNotMadeAgainAndHearsNothing() {
        Subscription s = source.subscribe("T:A", listener);
        MemorySource ca = new MemorySource();
        source.bind(ca);
        MemorySource.Sub first = ca.open().get(0);
        s.close();
        assertThat(first.closed).isTrue();
        first.send(new PvValue.DoubleValue(5));
        source.unbind(ca);
        MemorySource next = new MemorySource();
        source.bind(next);
        assertThat(next.subscriptions).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void readsNeedASourceAndBadNamesAreRefusedByIt() throws Exception {
        assertThatThrownBy(() -> source.get("T:A", java.time.Duration.ofSeconds(1))).isInstanceOf(PvException.class)
                .hasMessageContaining("T:A").hasMessageContaining("no PV source is bound");
        MemorySource ca = new MemorySource();
        ca.values.put("T:A", new PvUpdate("T:A", new PvValue.DoubleValue(42), 1, 1, AlarmSeverity.NO_ALARM,
                AlarmStatus.NO_ALARM));
        source.bind(ca);
        assertThat(source.get("T:A", java.time.Duration.ofSeconds(1)).value()).isEqualTo(new PvValue.DoubleValue(42));
        assertThatThrownBy(() -> source.subscribe("T: A", listener)).hasMessage("bad name 'T: A'");
    }
}
