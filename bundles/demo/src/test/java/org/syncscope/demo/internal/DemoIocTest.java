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
