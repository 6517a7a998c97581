package org.syncscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/** The demo IOC's DS lifecycle, built directly over a recording publisher. */
class DemoIocTest {

    private static final String FILE = "org.syncscope.demo.cfg";
    private final RecordingPublisher pvs = new RecordingPublisher();
    private DemoIoc ioc;

    @AfterEach
    void stop() {
        if (ioc != null) {
            ioc.deactivate();
        }
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        return Configs.fromFile(FILE, keysAndValues);
    }

    private DemoIoc activate(Map<String, Object> p) {
        ioc = new DemoIoc(Configs.of(DemoConfig.class, p), p);
        ioc.bindPublisher(pvs);
        return ioc;
    }

    private void modify(Map<String, Object> p) {
        ioc.modified(Configs.of(DemoConfig.class, p), p);
    }

    private void awaitPosted(String name) {
        pvs.last.remove(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> pvs.last.containsKey(name));
    }

    @Test
    void activatePostsAndDeactivateWithdraws() {
        activate(props("pvs", new String[] {"T:A@50"}));
        awaitPosted("T:A");
        ioc.deactivate();
        ioc = null;
        assertThat(pvs.served).isEmpty();
    }

    @Test
    void modifiedRebuildsTheSetOfPvs() {
        activate(props("pvs", new String[] {"T:A@50"}));
        awaitPosted("T:A");
        modify(props("pvs", new String[] {"T:B@50, T:C@20+10"}, "jitterMs", "1"));
        assertThat(pvs.served.keySet()).containsExactlyInAnyOrder("T:B", "T:C");
        awaitPosted("T:B");
        awaitPosted("T:C");
        assertThat(ioc.publishedNames()).containsExactly("T:B", "T:C");
    }

    @Test
    void anEditTouchesOnlyThePvsItChanges() {
        activate(props("pvs", new String[] {"T:A@50, T:B@20, T:C@10"}));
        awaitPosted("T:A");
        var a = pvs.served.get("T:A");
        var b = pvs.served.get("T:B");
        int published = pvs.publishCalls.get();
        // T:C removed, T:B's rate changed, T:D added: T:A is neither closed nor published again
        modify(props("pvs", new String[] {"T:A@50, T:B@25, T:D@10"}));
        assertThat(pvs.served.keySet()).containsExactlyInAnyOrder("T:A", "T:B", "T:D");
        assertThat(pvs.served.get("T:A")).as("T:A kept, no gap for its clients").isSameAs(a);
        assertThat(pvs.served.get("T:B")).as("T:B changed: published anew").isNotSameAs(b);
        assertThat(pvs.publishCalls.get() - published).as("T:B and T:D").isEqualTo(2);
        assertThat(pvs.closeCalls.get()).as("T:B and T:C").isEqualTo(2);
        awaitPosted("T:A");
        awaitPosted("T:D");
        // a new jitter alone restarts the post chains on the same PVs
        modify(props("pvs", new String[] {"T:A@50, T:B@25, T:D@10"}, "jitterMs", "1"));
        assertThat(pvs.served.get("T:A")).isSameAs(a);
        assertThat(pvs.closeCalls.get()).isEqualTo(2);
        awaitPosted("T:A");
    }

    @Test
    void aNonNumericValueAtActivationIsRefusedWithFileKeyAndValue() {
        activate(props("jitterMs", "abc"));
        assertThat(ioc.refusal()).isEqualTo("etc/" + FILE + ": jitterMs = 'abc' is not a number");
        assertThat(pvs.served).isEmpty();
        modify(props("pvs", new String[] {"T:A@50"}));
        assertThat(ioc.refusal()).isEmpty();
        awaitPosted("T:A");
    }

    @Test
    void aBadEditKeepsThePreviousPvsAndSaysSo() {
        activate(props("pvs", new String[] {"T:A@50"}));
        modify(props("pvs", new String[] {"T:B@fast"}));
        assertThat(ioc.refusal()).startsWith("change refused, previous settings stay: etc/" + FILE + ": ")
                .contains("T:B@fast");
        assertThat(pvs.served.keySet()).containsExactly("T:A");
        awaitPosted("T:A");
        modify(props("pvs", new String[] {"T:A@50"}, "jitterMs", "x1"));
        assertThat(ioc.refusal()).isEqualTo("change refused, previous settings stay: etc/" + FILE
                + ": jitterMs = 'x1' is not a number");
    }
}
