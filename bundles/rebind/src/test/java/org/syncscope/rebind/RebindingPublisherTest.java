package org.syncscope.rebind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

class RebindingPublisherTest {

    private final RebindingPublisher publisher = new RebindingPublisher("test");

    private static void post(PublishedPv pv, double v) {
        pv.post(new PvValue.DoubleValue(v), 1_000_000_000_000_000_000L, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    @Test
    void pvsPublishedWithoutAPublisherAreServedWithTheirLastValueOnBind() {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("T:A", "", 2, ""));
        post(pv, 1.5);
        assertThat(pv.subscriberCount()).isZero();
        FakePublisher cas = new FakePublisher();
        publisher.bind(cas);
        assertThat(cas.served).containsOnlyKeys("T:A");
        assertThat(cas.served.get("T:A").last).isEqualTo(new PvValue.DoubleValue(1.5));
        assertThat(pv.subscriberCount()).isEqualTo(3);
        post(pv, 2.5);
        assertThat(cas.served.get("T:A").last).isEqualTo(new PvValue.DoubleValue(2.5));
    }

    @Test
    void unbindWithdrawsAndTheNextPublisherServesWhatWasPostedMeanwhile() {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("T:A", "", 2, ""));
        FakePublisher first = new FakePublisher();
        publisher.bind(first);
        FakePublisher.FakePv served = first.served.get("T:A");
        publisher.unbind(first);
        assertThat(served.closed).isTrue();
        assertThat(publisher.isBound()).isFalse();
        assertThat(publisher.published()).isEmpty();
        post(pv, 7);   // no publisher: remembered, no exception
        FakePublisher second = new FakePublisher();
        publisher.bind(second);
        assertThat(second.served.get("T:A").last).isEqualTo(new PvValue.DoubleValue(7));
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void aGreedyReplacementMovesThePvsAndTheOldUnbindChangesNothing() {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("T:A", "", 2, ""));
        post(pv, 1);
        FakePublisher first = new FakePublisher();
        FakePublisher second = new FakePublisher();
        publisher.bind(first);
        publisher.bind(second);   // SCR binds the better service before unbinding the old one
        assertThat(first.served).isEmpty();
        publisher.unbind(first);
        assertThat(second.served).containsOnlyKeys("T:A");
        post(pv, 2);
        assertThat(second.served.get("T:A").last).isEqualTo(new PvValue.DoubleValue(2));
    }

    @Test
    void aPostDuringTheProvidersShutdownIsKeptNotThrown() {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("T:A", "", 2, ""));
        FakePublisher cas = new FakePublisher();
        publisher.bind(cas);
        cas.served.get("T:A").close();   // the server withdrew it before SCR called unbind
        post(pv, 4);
        publisher.unbind(cas);
        FakePublisher next = new FakePublisher();
        publisher.bind(next);
        assertThat(next.served.get("T:A").last).isEqualTo(new PvValue.DoubleValue(4));
    }

    @Test
    void refusalsAndMisuseAreNamed() {
        FakePublisher cas = new FakePublisher();
        cas.refuse.add("T:BAD");
        publisher.bind(cas);
        assertThatThrownBy(() -> publisher.publish(PvSpec.ofDouble("T:BAD", "", 2, ""))).hasMessage("refused T:BAD");
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("T:A", "", 2, ""));
        assertThatThrownBy(() -> publisher.publish(PvSpec.ofDouble("T:A", "", 2, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PV T:A is already published");
        pv.close();
        assertThat(cas.served).isEmpty();
        assertThatThrownBy(() -> post(pv, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("T:A");
        publisher.unbind(cas);
        FakePublisher next = new FakePublisher();
        publisher.bind(next);
        assertThat(next.served).as("a closed PV is not published again").isEmpty();
    }

    @Test
    void aPvTheNewPublisherRefusesLeavesTheOthersServed() {
        publisher.publish(PvSpec.ofDouble("T:A", "", 2, ""));
        publisher.publish(PvSpec.ofDouble("T:B", "", 2, ""));
        FakePublisher next = new FakePublisher();
        next.refuse.add("T:A");
        publisher.bind(next);
        assertThat(next.served).containsOnlyKeys("T:B");
    }

    @Test
    void theLastValuePostedIsServedWhateverTheRebindsInBetween() throws Exception {
        PublishedPv pv = publisher.publish(PvSpec.ofDouble("T:A", "", 2, ""));
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicLong lastPosted = new AtomicLong();
        Thread poster = new Thread(() -> {
            for (long i = 1; go.get(); i++) {
                post(pv, i);
                lastPosted.set(i);
            }
        });
        poster.start();
        // On a loaded machine the poster may start late: rebind only once it posts, and until it
        // has posted a while, so that posts and rebinds really overlap.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (lastPosted.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long postedBefore = lastPosted.get();
        FakePublisher cas = null;
        for (int i = 0; i < 2000 || (lastPosted.get() - postedBefore < 100 && System.nanoTime() < deadline); i++) {
            if (cas != null) {
                publisher.unbind(cas);
            }
            cas = new FakePublisher();
            publisher.bind(cas);
        }
        go.set(false);
        poster.join(10_000);
        assertThat(poster.isAlive()).isFalse();
        assertThat(lastPosted.get() - postedBefore).isGreaterThanOrEqualTo(100);
        assertThat(cas.served.get("T:A").last).isEqualTo(new PvValue.DoubleValue(lastPosted.get()));
    }
}
