package org.syncscope.ca.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.testing.CaServers;

/**
 * An addrList host name whose name server never answers does not hold activate or modified (SCR's
 * thread): the names that resolve are searched, the silent one is left out, and the client serves.
 */
class CaSourceComponentSlowNameTest {

    private static final int SERVER = 25318;
    /** Generous: the names get about a second together. */
    private static final long PROMPT_MILLIS = 3_000;

    private final CountDownLatch dnsAnswers = new CountDownLatch(1);
    private CaServers.Running server;
    private CaSourceComponent component;

    @AfterEach
    void cleanUp() {
        dnsAnswers.countDown();
        if (component != null) {
            component.deactivate();
        }
        if (server != null) {
            server.close();
        }
    }

    /** "ioc-host" is this host; "silent-host" waits for a name server that does not answer. */
    private InetAddress[] lookup(String host) throws UnknownHostException {
        if (host.equals("ioc-host")) {
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        }
        try {
            dnsAnswers.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UnknownHostException(host);
    }

    private static long millisOf(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000L;
    }

    @Test
    void aSilentNameServerDoesNotHoldActivateOrModified() throws Exception {
        server = CaServers.loopback(SERVER);
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("CT:SLOWNAME", "", 0, ""));
        pv.post(new PvValue.DoubleValue(7.5), 1_764_000_000_000_000_000L, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);

        Map<String, Object> p = CaSourceComponentTest.properties(SERVER);
        p.put("addrList", "silent-host ioc-host");
        component = new CaSourceComponent();
        component.lookup = this::lookup;
        assertThat(millisOf(() -> component.activate(CaSourceComponentTest.config(p), p))).isLessThan(PROMPT_MILLIS);
        assertThat(component.refusal()).isNull();
        assertThat(component.client().context().getAddressList()).as("what CAJ searches").isEqualTo("127.0.0.1");
        assertThat(component.client().settings().addresses().toString()).as("the settings keep the names")
                .isEqualTo("silent-host ioc-host");
        assertThat(component.get("CT:SLOWNAME", Duration.ofSeconds(5)).value()).isEqualTo(new PvValue.DoubleValue(7.5));

        Map<String, Object> edited = CaSourceComponentTest.properties(SERVER);
        edited.put("addrList", "ioc-host:" + SERVER + " silent-host");
        assertThat(millisOf(() -> component.modified(CaSourceComponentTest.config(edited), edited)))
                .isLessThan(PROMPT_MILLIS);
        assertThat(component.refusal()).isNull();
        assertThat(component.client().context().getAddressList()).isEqualTo("127.0.0.1:" + SERVER);
        assertThat(component.get("CT:SLOWNAME", Duration.ofSeconds(5)).value()).isEqualTo(new PvValue.DoubleValue(7.5));
    }
}
