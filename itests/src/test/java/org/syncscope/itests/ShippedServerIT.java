package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.syncscope.itests.ShippedServer.Exec;

/**
 * The assembly as an operator runs it: unzipped and started with {@code bin/karaf server}, no
 * Pax Exam inside. Its console answers over SSH with the demo site up, and none of its listening
 * sockets but the Channel Access server is reachable from beyond loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedServerIT {

    private static final ShippedServer.Ports PORTS = new ShippedServer.Ports(18102, 11098, 44446, 25065, 28423, 28422);
    private static final int SSH_PORT = PORTS.ssh();
    private static final int RMI_REGISTRY_PORT = PORTS.rmiRegistry();
    private static final int RMI_SERVER_PORT = PORTS.rmiServer();
    private static final int CA_PORT = PORTS.channelAccess();
    private static final String USER = ShippedServer.USER;
    private static final String PASSWORD = ShippedServer.PASSWORD;

    private ShippedServer server;
    private String gmIdentity;

    @BeforeAll
    void startServer() throws Exception {
        server = ShippedServer.unpack("shipped-server", PORTS);
        // The host side of the PTP check: a real ptp4l grandmaster (network namespaces, see PtpPeers).
        Map<String, String> ptp = PtpPeers.start();
        gmIdentity = ptp.get("gm.identity");
        server.setKey("org.syncscope.pmc.cfg", "socket", ptp.get("gm.socket"));
        server.start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void consoleShowsTheApiBundleActiveAndTheSyncscopeFeaturesInstalled() throws Exception {
        String bundles = console("bundle:list -s");
        assertThat(bundles.lines()).anyMatch(l -> l.contains("org.syncscope.api") && l.contains("Active"));
        String features = console("feature:list -i");
        assertThat(features).contains("syncscope-demo-site").contains("syncscope-api");
    }

    @Test
    void everyListeningSocketButChannelAccessAndPvAccessIsOnLoopback() throws Exception {
        await("JMX ports").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> !ListeningSockets.addressesListeningOn(RMI_SERVER_PORT).isEmpty());
        Set<Long> pids = server.processes().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        List<ListeningSockets.Listener> listeners = ListeningSockets.ofProcesses(pids);

        assertThat(listeners).extracting(ListeningSockets.Listener::port)
                .contains(SSH_PORT, RMI_REGISTRY_PORT, RMI_SERVER_PORT, CA_PORT);
        // The Channel Access and pvAccess servers are meant for the control network (both bind every
        // interface; ShippedServer puts pvAccess 1000 above CA); everything else - console, JMX,
        // Karaf's shutdown port - stays on loopback.
        int pvaPort = CA_PORT + 1000;
        assertThat(listeners).extracting(ListeningSockets.Listener::port).contains(pvaPort);
        assertThat(listeners).filteredOn(l -> l.port() != CA_PORT && l.port() != pvaPort).allSatisfy(l -> assertThat(l.loopback())
                .as("port %d listens on %s", l.port(), l.address()).isTrue());
    }

    @Test
    void bootPrintsNoException() throws Exception {
        // Karaf restarting a subsystem during boot shows up as a stack trace on the console.
        String printed = Files.readString(server.printed(), StandardCharsets.ISO_8859_1);
        assertThat(printed).as("what bin/karaf printed while booting").doesNotContain("Exception");
    }

    @Test
    void theDefaultKarafLoginIsRefused() {
        assertThat(server.canLogIn("karaf", "karaf")).isFalse();
        assertThat(server.canLogIn(USER, PASSWORD)).isTrue();
    }

    /**
     * Scripts get ptp:check's and ptp:timestat's verdict as the exit status of {@code ssh -p 8101
     * user@host ptp:timestat} (an SSH exec channel, as here): 0 within threshold, 2 over, 1 fatal.
     */
    @Test
    void ptpCommandsGiveScriptsAnExitStatus() throws Exception {
        // the demo monitor switches PTP on in the cameras; they lock 2 s later
        await("cameras locked: ptp:timestat exits 0").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> exec("ptp:timestat").exitStatus() == 0);
        Exec ok = exec("ptp:timestat --samples 3 --interval-ms 100");
        assertThat(ok.exitStatus()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("Ubuntu(host) PTP: role=Grandmaster, gmClockID=" + gmIdentity)
                .contains("=== Statistics ===");
        // the demo's camera 05520125 runs 1.631 ms behind the others; sequential latches on a busy
        // machine add up to a few hundred µs either way
        assertThat(number(ok.output(), "serial=05520125, mean_delta_ns=(-?\\d+), ")).isBetween(-2_131_000.0, -1_131_000.0);

        Exec over = exec("ptp:timestat --threshold-ns 1000000");
        assertThat(over.exitStatus()).as(over.output()).isEqualTo(2);
        assertThat(number(over.output(), "serial=05520125, camera_time_ns=\\d+, delta_to_median_ms=(-?\\d+\\.\\d+), verdict=NG"))
                .isBetween(-2.131, -1.131);

        Exec fatal = exec("ptp:timestat --serials NOPE");
        assertThat(fatal.exitStatus()).as(fatal.output()).isEqualTo(1);
        assertThat(fatal.output()).contains("ERROR: no simulated camera has serial NOPE");

        Exec converged = exec("ptp:check --serials 05520125,05520128 --timeout-s 10");
        assertThat(converged.exitStatus()).as(converged.output()).isZero();
        assertThat(converged.output()).contains("GrandmasterClockID=" + gmIdentity)
                .contains("PTP sync OK: Host=Grandmaster, Cameras=Slave");
        // the demo's master camera and the real grandmaster host: two masters
        Exec two = exec("ptp:check --timeout-s 2");
        assertThat(two.exitStatus()).as(two.output()).isEqualTo(2);
        assertThat(two.output()).contains("several Masters (2: host, 05520129)");
    }

    /**
     * A typo or a bad argument is the operator's mistake, not the server's: the console says what
     * is wrong and the log gets no ERROR with a stack trace for it (Karaf logs every exception a
     * command throws at ERROR, except its CommandException).
     */
    @Test
    void badCommandInputIsAnsweredOnTheConsoleAndLogsNoError() throws Exception {
        Map<String, String> bad = Map.of(
                "syncprofil:lst", "Command not found",
                "syncprofile:status nosuch", "no sync profile named nosuch",
                "pv:monitor --count -1 DEMO:PV1", "--count must be 0 or more",
                "ptp:host --raw NOSUCH", "unknown data set 'NOSUCH'",
                "ptp:check --timeout-s 0", "--timeout-s 0: at least 1",
                "camera:feature NOPE ExposureTime", "no camera NOPE",
                "camera:list --driver nosuch", "no camera driver 'nosuch'");
        long before = Files.readAllLines(server.log(), StandardCharsets.ISO_8859_1).size();
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Exec answer = exec(e.getKey());
            assertThat(answer.output()).as(e.getKey()).contains(e.getValue());
            assertThat(answer.exitStatus()).as(e.getKey()).isNotZero();
        }
        List<String> logged = Files.readAllLines(server.log(), StandardCharsets.ISO_8859_1);
        assertThat(logged.subList((int) Math.min(before, logged.size()), logged.size()))
                .as("karaf.log after the bad commands").noneMatch(l -> l.contains("Exception caught while executing command"));
    }

    private Exec exec(String command) throws IOException {
        return server.exec(command);
    }

    private String console(String command) throws IOException {
        return server.console(command);
    }

    /** The number captured by {@code regex}'s first group in {@code output}; fails if absent. */
    private static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as("/%s/ in:%n%s", regex, output).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
