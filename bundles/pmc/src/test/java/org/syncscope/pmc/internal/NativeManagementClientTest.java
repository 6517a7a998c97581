package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.ClockQuality;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.pmc.internal.ManagementMessage.Reply;

/** The native client against a stand-in ptp4l that answers what each test scripts. */
class NativeManagementClientTest {

    private static final ClockIdentity SELF = new ClockIdentity(0x001b19fffe000001L);
    private static final ClockIdentity GM = new ClockIdentity(0x001b19fffe0000aaL);
    private static final PortIdentity SRC = new PortIdentity(SELF, 0);

    @TempDir
    Path dir;
    private FakePtp4l ptp4l;
    private NativeManagementClient client;

    @BeforeEach
    void start() throws Exception {
        ptp4l = new FakePtp4l(dir.resolve("ptp4l"), NativeManagementClientTest::slave);
        // generous: a reply late by a busy machine is not what these tests are about
        client = new NativeManagementClient(ptp4l.path(), dir, 0, 5000);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        ptp4l.close();
    }

    /** A slave one step from GM, with three ports that answer PORT_DATA_SET out of order. */
    private static List<byte[]> slave(Reply r) {
        int seq = r.sequenceId();
        return switch (r.managementId()) {
            case 0x2001 -> List.of(ReplyBytes.response(SRC, seq, 0x2001,
                    ReplyBytes.body(new CurrentDataSet(1, -812.5, 2873.25))));
            case 0x2000 -> List.of(ReplyBytes.response(SRC, seq, 0x2000, ReplyBytes.body(defaults(3))));
            case 0xC000 -> List.of(ReplyBytes.response(SRC, seq, 0xC000,
                    ReplyBytes.body(new TimeStatusNp(-812, 1_700_000_000_000_000_000L, 0, 0, 0, 0, 0, true, GM))));
            case 0x2004 -> List.of(port(seq, 3, PortState.PASSIVE), port(seq, 1, PortState.SLAVE),
                    port(seq, 2, PortState.MASTER));
            case 0x2002 -> Ptp4lAnswers.slave(SELF, GM).answer(r);
            default -> List.of(ReplyBytes.error(SRC, seq, r.managementId(), 0x0006, "not here"));
        };
    }

    private static DefaultDataSet defaults(int ports) {
        return new DefaultDataSet(true, false, ports, 128, new ClockQuality(248, 0xFE, 0xFFFF), 128, SELF, 0);
    }

    private static byte[] port(int seq, int number, PortState state) {
        return ReplyBytes.response(new PortIdentity(SELF, number), seq, 0x2004, ReplyBytes.body(
                new PortDataSet(new PortIdentity(SELF, number), state, 0, 0, 1, 3, 0, 1, 0, 2)));
    }

    @Test
    void readsDataSetsAndDecidesTheRole() throws Exception {
        assertThat(client.currentDataSet()).isEqualTo(new CurrentDataSet(1, -812.5, 2873.25));
        HostPtpStatus host = client.hostStatus();
        assertThat(host.role()).isEqualTo(HostPtpRole.SLAVE);
        assertThat(host.grandmasterIdentity()).isEqualTo(GM);
        assertThat(host.timeStatus()).get().extracting(TimeStatusNp::masterOffsetNs).isEqualTo(-812L);
        assertThat(client.portDataSets()).extracting(p -> p.portIdentity().portNumber(), PortDataSet::portState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, PortState.SLAVE),
                        org.assertj.core.groups.Tuple.tuple(2, PortState.MASTER),
                        org.assertj.core.groups.Tuple.tuple(3, PortState.PASSIVE));
    }

    @Test
    void grandmasterTakesItsOwnIdentity() throws Exception {
        ptp4l.respondWith(Ptp4lAnswers.grandmaster(SELF)::answer);
        HostPtpStatus host = client.hostStatus();
        assertThat(host.role()).isEqualTo(HostPtpRole.GRANDMASTER);
        assertThat(host.grandmasterIdentity()).isEqualTo(SELF);
        assertThat(host.timeStatus()).isEmpty();
    }

    @Test
    void errorStatusIsReportedAsSuch() {
        assertThatThrownBy(() -> client.grandmasterSettings())
                .isInstanceOfSatisfying(PtpManagementException.class,
                        e -> assertThat(e.managementErrorId()).hasValue(0x0006))
                .hasMessage("ptp4l at " + ptp4l.path() + " answered GET GRANDMASTER_SETTINGS_NP (0xC001) with "
                        + "MANAGEMENT_ERROR_STATUS NOT_SUPPORTED: not here");
    }

    @Test
    void silenceTimesOutWithTheSocketNamed() throws Exception {
        ptp4l.respondWith(r -> List.of());
        try (NativeManagementClient impatient = new NativeManagementClient(ptp4l.path(), dir, 0, 500)) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> impatient.currentDataSet()).isInstanceOf(PtpManagementException.class)
                            .hasMessage("no reply from ptp4l at " + ptp4l.path() + " to GET CURRENT_DATA_SET (0x2001) "
                                    + "within 500 ms (is ptp4l running there, with domainNumber 0?)"));
            ptp4l.respondWith(NativeManagementClientTest::slave);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThat(impatient.currentDataSet().stepsRemoved()).isEqualTo(1));
        }
    }

    @Test
    void missingPortsAreCounted() {
        ptp4l.respondWith(r -> r.managementId() == 0x2004 ? List.of(port(r.sequenceId(), 1, PortState.SLAVE)) : slave(r));
        assertThatThrownBy(() -> client.portDataSets()).hasMessageContaining("only 1 of 3 ports");
    }

    @Test
    void missingSocketIsNamed() throws Exception {
        try (NativeManagementClient nobody = new NativeManagementClient(dir.resolve("no-ptp4l"), dir, 0, 500)) {
            assertThatThrownBy(nobody::currentDataSet).isInstanceOf(PtpManagementException.class)
                    .hasMessageStartingWith("no ptp4l socket at " + dir.resolve("no-ptp4l") + ": No such file or directory");
        }
    }

    @Test
    void deadSocketFileIsNamed() throws Exception {
        Path stale = dir.resolve("stale");
        FakePtp4l.leaveStaleSocket(stale);
        try (NativeManagementClient nobody = new NativeManagementClient(stale, dir, 0, 500)) {
            assertThatThrownBy(nobody::currentDataSet)
                    .hasMessageStartingWith("nobody reads the ptp4l socket " + stale + ": Connection refused");
        }
    }

    @Test
    void lateRepliesToEarlierRequestsAreDropped() throws Exception {
        ptp4l.respondWith(r -> {
            List<byte[]> out = new ArrayList<>();
            out.add(ReplyBytes.response(SRC, (r.sequenceId() + 65535) & 0xFFFF, 0x2001,
                    ReplyBytes.body(new CurrentDataSet(9, 9, 9))));
            out.addAll(slave(r));
            return out;
        });
        assertThat(client.currentDataSet().stepsRemoved()).isEqualTo(1);
        assertThat(client.currentDataSet().stepsRemoved()).isEqualTo(1);
    }

    @Test
    void malformedReplyIsAnErrorAndTheClientCarriesOn() throws Exception {
        ptp4l.respondWith(r -> List.of(new byte[] {0x0D, 0x02, 0, 20}));
        assertThatThrownBy(() -> client.currentDataSet())
                .hasMessage("malformed reply from ptp4l at " + ptp4l.path()
                        + " to GET CURRENT_DATA_SET (0x2001): truncated: 4 bytes, a management message has at least 54");
        ptp4l.respondWith(r -> List.of(ReplyBytes.response(SRC, r.sequenceId(), 0x2001, new byte[5])));
        assertThatThrownBy(() -> client.currentDataSet())
                .hasMessageEndingWith("CURRENT_DATA_SET body is 5 bytes, expected 18");
        ptp4l.respondWith(NativeManagementClientTest::slave);
        assertThat(client.currentDataSet().meanPathDelayNs()).isEqualTo(2873.25);
    }

    /** Every caller gets the answer to its own request: ptp4l echoes the sequenceId in stepsRemoved. */
    @Test
    void concurrentCallersEachGetTheirOwnReply() throws Exception {
        ptp4l.respondWith(r -> List.of(ReplyBytes.response(SRC, r.sequenceId(), 0x2001,
                ReplyBytes.body(new CurrentDataSet(r.sequenceId(), 0, 0)))));
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        assertThat(seen.add(client.currentDataSet().stepsRemoved())).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(800);
        assertThat(ptp4l.requests()).isEqualTo(800);
    }

    @Test
    void clientSocketIsItsOwnAndGoesAwayOnClose() throws Exception {
        client.currentDataSet();
        Path mine = client.clientPath();
        assertThat(mine.getParent()).isEqualTo(dir);
        assertThat(mine.getFileName().toString()).startsWith("syncscope-pmc." + ProcessHandle.current().pid() + ".");
        assertThat(Files.exists(mine)).isTrue();
        client.close();
        assertThat(Files.exists(mine)).isFalse();
        assertThatThrownBy(() -> client.currentDataSet()).hasMessageContaining("was closed");
    }

    @Test
    void tooLongSocketPathIsRefusedClearly() {
        Path deep = dir.resolve("x".repeat(120));
        try (NativeManagementClient far = new NativeManagementClient(deep, dir, 0, 500)) {
            assertThatThrownBy(far::currentDataSet).hasMessageContaining("is 1").hasMessageContaining("it must be 1..107");
        }
    }
}
