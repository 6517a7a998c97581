package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.ClockQuality;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.pmc.internal.ManagementMessage.Reply;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/** The adapter's DS lifecycle, built directly over stand-in ptp4l sockets. */
class PmcComponentTest {

    private static final String FILE = "org.syncscope.pmc.cfg";
    private static final ClockIdentity SELF = new ClockIdentity(0x001b19fffe000001L);
    private static final ClockIdentity GM = new ClockIdentity(0x001b19fffe0000aaL);

    @TempDir
    Path dir;
    private FakePtp4l slave;
    private FakePtp4l grandmaster;
    private PmcComponent component;

    @BeforeEach
    void start() throws Exception {
        slave = new FakePtp4l(dir.resolve("ptp4l-slave"), r -> answer(r, 1));
        grandmaster = new FakePtp4l(dir.resolve("ptp4l-gm"), r -> answer(r, 0));
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
        Map<String, Object> p = Configs.fromFile(FILE, "socket", socket.toString(), "clientDirectory", dir.toString(),
                "timeoutMs", "2000");
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    private PmcComponent activate(Map<String, Object> p) {
        component = new PmcComponent(Configs.of(PmcConfig.class, p), p);
        return component;
    }

    private void modify(Map<String, Object> p) {
        component.modified(Configs.of(PmcConfig.class, p), p);
    }

    private List<Path> clientSockets() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("syncscope-pmc.")).toList();
        }
    }

    @Test
    void activateReadsPtp4lAndDeactivateRemovesTheClientSocket() throws Exception {
        activate(props(slave.path()));
        assertThat(component.reading()).isTrue();
        assertThat(component.hostStatus().role()).isEqualTo(HostPtpRole.SLAVE);
        assertThat(clientSockets()).hasSize(1);
        component.deactivate();
        component = null;
        assertThat(clientSockets()).isEmpty();
    }

    @Test
    void modifiedRebuildsTheClientAndClosesTheOldOne() throws Exception {
        activate(props(slave.path()));
        assertThat(component.hostStatus().role()).isEqualTo(HostPtpRole.SLAVE);
        modify(props(grandmaster.path()));
        assertThat(component.describe()).isEqualTo("native " + grandmaster.path());
        assertThat(component.hostStatus().role()).isEqualTo(HostPtpRole.GRANDMASTER);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(clientSockets()).hasSize(1));
    }

    @Test
    void aNonNumericValueAtActivationIsRefusedWithFileKeyAndValue() {
        activate(props(slave.path(), "timeoutMs", "abc"));
        assertThat(component.reading()).isFalse();
        String reason = "etc/" + FILE + ": timeoutMs = 'abc' is not a whole number";
        assertThat(component.refusal()).isEqualTo(reason);
        assertThat(component.describe()).isEqualTo("not reading ptp4l: configuration refused: " + reason);
        assertThatThrownBy(component::hostStatus).isInstanceOf(PtpManagementException.class).hasMessageEndingWith(reason);
        // a good edit brings it up
        modify(props(slave.path()));
        assertThat(component.reading()).isTrue();
        assertThat(component.refusal()).isEmpty();
    }

    @Test
    void aBadEditKeepsThePreviousSettingsAndSaysSo() throws Exception {
        activate(props(slave.path()));
        modify(props(grandmaster.path(), "domainNumber", "zero"));
        assertThat(component.hostStatus().role()).as("previous settings").isEqualTo(HostPtpRole.SLAVE);
        assertThat(component.refusal()).isEqualTo("change refused, previous settings stay: etc/" + FILE
                + ": domainNumber = 'zero' is not a whole number");
        modify(props(grandmaster.path(), "domainNumber", "300"));
        assertThat(component.refusal()).isEqualTo("change refused, previous settings stay: etc/" + FILE
                + ": domainNumber 300 is outside 0..255");
        assertThat(component.describe()).startsWith("native " + slave.path() + "; change refused");
    }

    /** Issue 17: an exception without a message (here from posting) cancelled the scheduled publisher for good. */
    @Test
    void thePublisherSurvivesAnExceptionWithoutAMessage() {
        RecordingPublisher pvs = new RecordingPublisher();
        pvs.failingPosts.set(2);
        activate(props(slave.path(), "publishPeriodSeconds", "1"));
        component.bindPublisher(pvs);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(pvs.failingPosts).hasValue(0);
            assertThat(pvs.last.get("PTP:HOST:Role")).isNotNull()
                    .satisfies(p -> assertThat(p.severity()).isEqualTo(AlarmSeverity.NO_ALARM));
        });
    }

    /**
     * Issue 17 (the pmc issue's case): a request blocked in sendto on a ptp4l that does not read
     * holds the client's lock; a .cfg edit must not wait for it (Config Admin's thread would stall).
     */
    @Test
    void anEditDoesNotWaitForASenderBlockedOnAStoppedPtp4l() throws Exception {
        UnixDatagramSocket stopped = UnixDatagramSocket.bind(dir.resolve("ptp4l-stopped"));
        AtomicInteger done = new AtomicInteger();
        activate(props(stopped.path(), "timeoutMs", "10"));
        PmcComponent c = component;
        Thread sender = new Thread(() -> {
            while (true) {
                try {
                    c.currentDataSet();
                } catch (PtpManagementException e) {
                    if (e.getMessage().contains("is stopped")) {
                        return;
                    }
                }
                done.incrementAndGet();
            }
        }, "blocked-sender");
        sender.setDaemon(true);
        try {
            sender.start();
            // blocked: in send, and no request finished between two looks
            int[] seen = {-1};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                boolean inSend = Arrays.stream(sender.getStackTrace())
                        .anyMatch(f -> f.getClassName().endsWith("UnixDatagramSocket") && f.getMethodName().equals("send"));
                boolean stuck = inSend && done.get() == seen[0];
                seen[0] = done.get();
                return stuck;
            });
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> modify(props(slave.path())));
            assertThat(component.hostStatus().role()).isEqualTo(HostPtpRole.SLAVE);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> component.deactivate());
            component = null;
        } finally {
            stopped.close();   // the blocked send now fails, and its exchange closes the old client's socket
        }
        sender.join(5000);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(clientSockets()).isEmpty());
    }

    /** A slave one step from GM ({@code steps} 1) or the grandmaster itself (0), with one port. */
    private static List<byte[]> answer(Reply r, int steps) {
        int seq = r.sequenceId();
        PortIdentity src = new PortIdentity(SELF, 0);
        return switch (r.managementId()) {
            case 0x2001 -> List.of(ReplyBytes.response(src, seq, 0x2001,
                    ReplyBytes.body(new CurrentDataSet(steps, -812.5, 2873.25))));
            case 0x2000 -> List.of(ReplyBytes.response(src, seq, 0x2000, ReplyBytes.body(
                    new DefaultDataSet(true, false, 1, 128, new ClockQuality(248, 0xFE, 0xFFFF), 128, SELF, 0))));
            case 0xC000 -> List.of(ReplyBytes.response(src, seq, 0xC000,
                    ReplyBytes.body(new TimeStatusNp(-812, 1_700_000_000_000_000_000L, 0, 0, 0, 0, 0, true, GM))));
            case 0x2004 -> List.of(ReplyBytes.response(new PortIdentity(SELF, 1), seq, 0x2004, ReplyBytes.body(
                    new PortDataSet(new PortIdentity(SELF, 1), steps == 0 ? PortState.MASTER : PortState.SLAVE,
                            0, 0, 1, 3, 0, 1, 0, 2))));
            default -> List.of(ReplyBytes.error(src, seq, r.managementId(), 0x0006, "not here"));
        };
    }
}
