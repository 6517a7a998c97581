package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.HostPtpReading;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/** Issue 20: the adapter is the one poller of the host's PTP status; consumers get its readings. */
class PmcReadingsTest {

    private static final ClockIdentity SELF = FakePtp4lPair.SELF;
    private static final ClockIdentity GM = FakePtp4lPair.GM;

    @TempDir
    Path dir;
    private FakePtp4lPair ptp4l;
    private FakePtp4l slave;
    private FakePtp4l grandmaster;
    private PmcComponent component;
    private final RecordingPublisher pvs = new RecordingPublisher();

    @BeforeEach
    void start() throws Exception {
        ptp4l = new FakePtp4lPair(dir);
        slave = ptp4l.slave;
        grandmaster = ptp4l.grandmaster;
    }

    @AfterEach
    void stop() throws Exception {
        if (component != null) {
            component.deactivate();
        }
        slave.close();
        grandmaster.close();
    }

    private Map<String, Object> props(Path socket, Object... more) {
        return ptp4l.props(socket, more);
    }

    private PmcComponent activate(Map<String, Object> p) {
        component = new PmcComponent(Configs.of(PmcConfig.class, p), p);
        component.bindPublisher(pvs);
        return component;
    }

    @Test
    void withoutPublishingAReadingIsMadeWhenOneIsAskedFor() throws Exception {
        activate(props(slave.path()));
        assertThat(component.latest().sequence()).isZero();
        assertThat(slave.requests()).as("nothing polls while no one asks").isZero();
        HostPtpReading first = component.after(0);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.role()).contains(HostPtpRole.SLAVE);
        assertThat(first.error()).isEmpty();
        assertThat(component.latest()).isEqualTo(first);
        assertThat(component.after(0)).as("one already newer: no new reading").isSameAs(first);
        int requests = slave.requests();
        HostPtpReading second = component.after(first.sequence());
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(slave.requests()).as("the newer one was read from ptp4l").isGreaterThan(requests);
        assertThat(pvs.posts()).as("no PVs when publishPeriodSeconds = 0").isEmpty();
    }

    @Test
    void thePublishedRoleAndTheReadingsAreTheSameReadings() throws Exception {
        activate(props(slave.path(), "publishPeriodSeconds", "1"));
        HostPtpReading r = component.after(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> pvs.lastPost("PTP:HOST:Role") != null
                && component.latest().sequence() >= 2);
        // every reading is posted with the time it was read: the PV's stamps are the readings' times
        HostPtpReading later = component.after(component.latest().sequence());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pvs.posts("PTP:HOST:Role"))
                .extracting(RecordingPublisher.Posted::stampNanos).contains(r.timeNanos(), later.timeNanos()));
        assertThat(pvs.lastPost("PTP:HOST:Role").text()).isEqualTo("SLAVE");
    }

    @Test
    void anEditedCfgIsReadThroughTheNewClient() throws Exception {
        activate(props(slave.path()));
        HostPtpReading r = component.after(0);
        assertThat(r.role()).contains(HostPtpRole.SLAVE);
        component.modified(Configs.of(PmcConfig.class, props(grandmaster.path())), props(grandmaster.path()));
        assertThat(component.after(r.sequence()).role()).contains(HostPtpRole.GRANDMASTER);
    }

    @Test
    void aStoppedPtp4lGivesAReadingWithTheReason() throws Exception {
        slave.close();
        activate(props(dir.resolve("ptp4l-slave"), "timeoutMs", "200"));
        HostPtpReading r = component.after(0);
        assertThat(r.sequence()).isEqualTo(1);
        assertThat(r.status()).isEmpty();
        assertThat(r.error()).isNotEmpty();
        slave = new FakePtp4l(dir.resolve("ptp4l-slave"), Ptp4lAnswers.slave(SELF, GM)::answer);
        await().atMost(Duration.ofSeconds(10)).until(() -> component.after(component.latest().sequence()).role()
                .isPresent());
    }

    @Test
    void aRefusedConfigurationGivesAReadingThatSaysSo() throws Exception {
        activate(props(slave.path(), "timeoutMs", "abc"));
        HostPtpReading r = component.after(0);
        assertThat(r.status()).isEmpty();
        assertThat(r.error()).startsWith("the pmc adapter does not read ptp4l: configuration refused: etc/org.syncscope.pmc.cfg: timeoutMs");
    }

    @Test
    void deactivationReleasesAWaiterAtOnce() throws Exception {
        slave.respondWith(request -> List.of());   // ptp4l never answers: a reading takes the whole timeout
        activate(props(slave.path(), "timeoutMs", "60000"));
        CompletableFuture<HostPtpReading> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return component.after(0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> slave.requests() > 0);
        component.deactivate();
        component = null;
        HostPtpReading r = waiting.get(5, TimeUnit.SECONDS);
        assertThat(r.status()).isEmpty();
        assertThat(r.error()).isEqualTo("the pmc adapter is stopped");
    }
}
