package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.pmc.testing.PtpPair;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/**
 * What the tests that disturb a real ptp4l pair share: one pair per test class, every disturbance
 * undone after each test ({@link PtpPair#reset}), the adapter's settings and component, waits on
 * its Role PV, and the check that no pmc left its socket file.
 */
abstract class RealPtp4lFixture {

    static final String FILE = "org.syncscope.pmc.cfg";
    static final long TIMEOUT_MS = 300;
    /** Loose: a request must end by its timeout plus this (the aim is 100 ms). */
    static final long SLACK_MS = 1000;
    static final String ROLE = "PTP:HOST:Role";
    static final String PORT_STATE = "PTP:HOST:PortState";
    static final List<String> HOST_PVS = List.of(ROLE, PORT_STATE, "PTP:HOST:StepsRemoved",
            "PTP:HOST:OffsetFromMaster", "PTP:HOST:MeanPathDelay", "PTP:HOST:GrandmasterId");

    static PtpPair pair;
    @TempDir
    static Path dir;
    final List<AutoCloseable> cleanup = new ArrayList<>();
    final ExecutorService callers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faults-test-caller");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void startClocks() throws Exception {
        pair = PtpPair.start();
    }

    @AfterAll
    static void stopClocks() {
        if (pair != null) {
            pair.close();
        }
    }

    @AfterEach
    void restore() throws Exception {
        Collections.reverse(cleanup);
        try {
            for (AutoCloseable c : cleanup) {
                c.close();
            }
        } finally {
            callers.shutdownNow();
            pair.reset();
        }
    }

    Map<String, Object> props(Path socket, String mode, Object... more) {
        Map<String, Object> p = Configs.fromFile(FILE, "socket", socket.toString(), "clientDirectory", dir.toString(),
                "timeoutMs", Long.toString(TIMEOUT_MS), "publishPeriodSeconds", "1", "mode", mode);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    PmcComponent activate(Map<String, Object> p, RecordingPublisher pvs) {
        PmcComponent c = new PmcComponent(Configs.of(PmcConfig.class, p), p);
        cleanup.add(c::deactivate);
        c.bindPublisher(pvs);
        return c;
    }

    static void awaitRole(RecordingPublisher pvs, String role, AlarmSeverity severity) {
        await().atMost(PtpPair.STATE_CHANGE).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            RecordingPublisher.Posted last = pvs.lastPost(ROLE);
            assertThat(last).isNotNull();
            assertThat(last.text()).isEqualTo(role);
            assertThat(last.severity()).isEqualTo(severity);
            assertThat(last.status()).isEqualTo(severity == AlarmSeverity.NO_ALARM ? AlarmStatus.NO_ALARM
                    : AlarmStatus.STATE);
        });
    }

    /** linuxptp's pmc client sockets now present. */
    static Set<Path> pmcSockets() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/var/run"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("pmc.")).collect(Collectors.toSet());
        }
    }

    /**
     * No pmc.PID appeared that outlived its pmc (the removal runs when the killed process is
     * reaped: polled). Files of pmc runs still alive (another test on this machine) are not counted.
     */
    static void awaitNoNewPmcSockets(Set<Path> before) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<Path> left = new HashSet<>(pmcSockets());
            left.removeAll(before);
            left.removeIf(f -> {
                String pid = f.getFileName().toString().substring(4);
                return pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            });
            assertThat(left).as("pmc sockets left behind").isEmpty();
        });
    }
}
