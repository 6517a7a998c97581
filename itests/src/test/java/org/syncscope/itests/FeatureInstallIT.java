package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Installing and uninstalling features on the running shipped server restarts nothing outside
 * them: a Channel Access client of DEMO:PV1 never sees a disconnect, every other bundle keeps its
 * services (same service ids), Karaf stops and refreshes only the feature's own bundles, and the
 * demo profile's update counters keep growing. Covers the optional features shipped but not
 * booted (install, then uninstall) and the optional capabilities booted beside the demo site
 * (uninstall, then install again).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeatureInstallIT {

    private static final ShippedServer.Ports PORTS = new ShippedServer.Ports(18112, 11108, 44456, 25076, 28433, 28432);
    private static final Pattern DEPLOYER_LIST_ENTRY = Pattern.compile("^\\s+([\\w.\\-]+)/\\S+.*$");

    /**
     * Features changed together, the bundles that are theirs alone, and bundles of other features
     * allowed to re-create a component (none: every dependant takes its providers through dynamic
     * references, TIMEAV its timestamp driver too).
     */
    record Case(boolean booted, List<String> features, Set<String> ownBundles, Set<String> rebinding) {
        @Override
        public String toString() {
            return (booted ? "uninstall, reinstall " : "install, uninstall ") + String.join(" ", features);
        }
    }

    private ShippedServer server;
    private CaMonitor monitor;
    private final Map<String, Long> disconnectedMillis = new LinkedHashMap<>();

    static Stream<Case> cases() {
        String timeav = "org.syncscope.timeav";
        return Stream.of(
                new Case(false, List.of("syncscope-camera-aravis"), Set.of("org.syncscope.camera.aravis"), Set.of()),
                new Case(false, List.of("syncscope-camera-ic4"), Set.of("org.syncscope.camera.ic4"), Set.of()),
                new Case(false, List.of("syncscope-eventsystem-mrf"), Set.of("org.syncscope.eventsystem.mrf"), Set.of()),
                new Case(true, List.of("syncscope-timeav"), Set.of(timeav), Set.of()),
                new Case(true, List.of("syncscope-ptpcheck"), Set.of("org.syncscope.ptpcheck"), Set.of()),
                new Case(true, List.of("syncscope-ptpcheck", "syncscope-pmc"),
                        Set.of("org.syncscope.ptpcheck", "org.syncscope.pmc"), Set.of()),
                new Case(true, List.of("syncscope-ptpcheck", "syncscope-camera-sim"),
                        Set.of("org.syncscope.ptpcheck", "org.syncscope.camera.sim", "org.syncscope.camera.genicam",
                                "org.syncscope.camera.console"), Set.of()),
                new Case(true, List.of("syncscope-timestamp"), Set.of("org.syncscope.timestamp"), Set.of()),
                new Case(true, List.of("syncscope-timestamp", "syncscope-eventsystem-sim"),
                        Set.of("org.syncscope.timestamp", "org.syncscope.eventsystem.sim"), Set.of()),
                // looking: each page of the HTTP service (the Prometheus library is booted on its own: the
                // shell's jline is wired to its jsr305)
                new Case(true, List.of("syncscope-statuspage"), Set.of("org.syncscope.statuspage"), Set.of()),
                new Case(true, List.of("syncscope-screens"), Set.of("org.syncscope.screens"), Set.of()),
                new Case(true, List.of("syncscope-metrics"), Set.of("org.syncscope.metrics"), Set.of()));
    }

    @BeforeAll
    void startServerAndMonitor() throws Exception {
        server = ShippedServer.unpack("feature-install-server", PORTS);
        server.start();
        monitor = CaMonitor.start(PORTS.channelAccess(), "DEMO:PV1");
        await("the CA monitor receiving DEMO:PV1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> monitor.connected() && monitor.updateCount() >= 10);
        await("the demo profile counting updates").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> ServerSnapshot.take(server).demoUpdates().values().stream().allMatch(n -> n > 0));
    }

    @AfterAll
    void stop() throws Exception {
        System.out.println("DEMO:PV1 disconnected per step (ms): " + disconnectedMillis);
        if (monitor != null) {
            monitor.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changesNothingOutsideTheFeature(Case c) throws Exception {
        boolean installFirst = !c.booted();
        step(c, installFirst);
        step(c, !installFirst);
    }

    /** After all the cases: the monitor connected once and never lost the PV. */
    @Order(2)
    @Test
    void theMonitorRan() {
        assertThat(monitor.connections()).as("DEMO:PV1 connection changes (pyepics also printed %s)", monitor.otherOutput())
                .hasSize(1).allMatch(CaMonitor.Connection::connected);
    }

    private void step(Case c, boolean install) throws Exception {
        String command = (install ? "feature:install " : "feature:uninstall ") + String.join(" ", c.features());
        ServerSnapshot before = ServerSnapshot.take(server);
        long logMark = Files.size(server.log());
        long start = System.currentTimeMillis();

        ShippedServer.Exec run = server.exec(command);
        assertThat(run.exitStatus()).as("%s: %s", command, run.output()).isZero();
        ServerSnapshot after = await(command + " done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ServerSnapshot.take(server), s -> install
                        ? s.bundlesOutside(Set.of()).values().containsAll(active(c.ownBundles()))
                        : s.symbolicNames().stream().noneMatch(c.ownBundles()::contains));
        long end = System.currentTimeMillis();
        // measured before anything is asserted, so that a failing step still reports it
        await(command + ": DEMO:PV1 connected").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(monitor::connected);
        long down = monitor.disconnectedMillis(start, System.currentTimeMillis());
        disconnectedMillis.put(command, down);
        System.out.printf("%s: %d ms, DEMO:PV1 disconnected %d ms, longest gap between its updates %d ms%n",
                command, end - start, down, monitor.longestGapMillis(start, end));

        // Karaf's own account of what it stopped and refreshed for this request
        assertThat(deployerList(logMark, "Stopping bundles:")).as("%s: bundles Karaf stopped", command)
                .isSubsetOf(c.ownBundles());
        assertThat(deployerList(logMark, "Refreshing bundles:")).as("%s: bundles Karaf refreshed", command)
                .isSubsetOf(c.ownBundles());

        Set<String> own = c.ownBundles();
        assertThat(after.bundlesOutside(own)).as("%s: every other bundle, id and state", command)
                .isEqualTo(before.bundlesOutside(own));
        Set<String> notCompared = new HashSet<>(own);
        notCompared.addAll(c.rebinding());
        assertThat(after.servicesOutside(notCompared)).as("%s: services of every other bundle (ids change on a restart)", command)
                .isEqualTo(before.servicesOutside(notCompared));
        if (!c.rebinding().isEmpty()) {
            assertThat(after.bundlesOutside(Set.of())).as("%s: rebinding bundles stay", command)
                    .containsValues(active(c.rebinding()).toArray(String[]::new));
        }

        for (Map.Entry<String, Long> pv : before.demoUpdates().entrySet()) {
            assertThat(after.demoUpdates().get(pv.getKey())).as("%s: demo profile updates of %s never set back", command, pv.getKey())
                    .isGreaterThanOrEqualTo(pv.getValue());
        }
        await(command + ": demo profile counts keep growing").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> ServerSnapshot.take(server).demoUpdates(), now -> before.demoUpdates().entrySet().stream()
                        .allMatch(pv -> now.get(pv.getKey()) > pv.getValue()));

        assertThat(down).as("%s: time DEMO:PV1 was disconnected (ms); connection changes %s", command, monitor.connections())
                .isZero();
    }

    private static List<String> active(Set<String> symbolicNames) {
        return symbolicNames.stream().map(n -> n + " Active").toList();
    }

    /** The bundles the features service listed under {@code header} in the log written since {@code mark}. */
    private List<String> deployerList(long mark, String header) throws IOException {
        List<String> names = new ArrayList<>();
        boolean inList = false;
        for (String line : logSince(mark)) {
            String[] fields = line.split("\\|", 6);
            if (fields.length < 6 || !fields[3].contains("FeaturesServiceImpl")) {
                inList = false;
                continue;
            }
            String message = fields[5].startsWith(" ") ? fields[5].substring(1) : fields[5];
            Matcher entry = DEPLOYER_LIST_ENTRY.matcher(message);
            if (message.equals(header)) {
                inList = true;
            } else if (inList && entry.matches()) {
                names.add(entry.group(1));
            } else {
                inList = false;
            }
        }
        return names;
    }

    private List<String> logSince(long mark) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(server.log().toFile(), "r")) {
            // a rotated log starts again from zero
            long from = log.length() >= mark ? mark : 0;
            byte[] bytes = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
