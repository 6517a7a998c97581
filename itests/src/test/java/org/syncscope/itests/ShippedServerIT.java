package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The assembly as an operator runs it: unzipped and started with {@code bin/karaf server}, no
 * Pax Exam inside. Its console answers over SSH with the demo site up, and none of its listening
 * sockets but the Channel Access server is reachable from beyond loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedServerIT {

    private static final int SSH_PORT = 18102;
    private static final int RMI_REGISTRY_PORT = 11098;
    private static final int RMI_SERVER_PORT = 44446;
    private static final int CA_PORT = 25065;
    private static final String USER = "itest-operator";
    private static final String PASSWORD = "Itest-Secret-43";

    private Path home;
    private Process karaf;
    private String gmIdentity;

    @BeforeAll
    void startServer() throws Exception {
        Path zip = Paths.get(System.getProperty("syncscope.assembly.zip"));
        Path root = Paths.get("target", "shipped-server").toAbsolutePath();
        deleteTree(root);
        unzip(zip, root);
        try (Stream<Path> top = Files.list(root)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
            for (Path p : bin.collect(Collectors.toList())) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        setKey(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(SSH_PORT));
        setKey(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", Integer.toString(RMI_REGISTRY_PORT));
        setKey(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", Integer.toString(RMI_SERVER_PORT));
        // Keep this server's Channel Access traffic on loopback and off the default port.
        setKey(home.resolve("etc/org.syncscope.cas.cfg"), "port", Integer.toString(CA_PORT));
        setKey(home.resolve("etc/org.syncscope.cas.cfg"), "autoBeaconAddrList", "false");
        setKey(home.resolve("etc/org.syncscope.cas.cfg"), "beaconAddrList", "127.0.0.1");
        setKey(home.resolve("etc/org.syncscope.ca.cfg"), "autoAddrList", "false");
        setKey(home.resolve("etc/org.syncscope.ca.cfg"), "addrList", "127.0.0.1:" + CA_PORT);
        // The host side of the PTP check: a real ptp4l grandmaster (network namespaces, see PtpPeers).
        Map<String, String> ptp = PtpPeers.start();
        gmIdentity = ptp.get("gm.identity");
        setKey(home.resolve("etc/org.syncscope.pmc.cfg"), "socket", ptp.get("gm.socket"));
        // An operator user, added the way users.properties documents, so the test can use the console.
        Files.writeString(home.resolve("etc/users.properties"), USER + " = " + PASSWORD + ",_g_:admingroup\n",
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);

        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("karaf.out").toFile())
                .start();
        await("the console's SSH port " + SSH_PORT).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> !karaf.isAlive() || !ListeningSockets.addressesListeningOn(SSH_PORT).isEmpty());
        assertThat(karaf.isAlive()).as("Karaf is running (see target/shipped-server/karaf.out)").isTrue();
        await("the demo site to be up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> console("feature:list -i").contains("syncscope-demo-site"));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(Stream.of(karaf.toHandle()), karaf.descendants())
                .collect(Collectors.toList());
        all.forEach(ProcessHandle::destroy);
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            all.forEach(ProcessHandle::destroyForcibly);
            karaf.waitFor(10, TimeUnit.SECONDS);
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
    void everyListeningSocketButChannelAccessIsOnLoopback() throws Exception {
        await("JMX ports").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> !ListeningSockets.addressesListeningOn(RMI_SERVER_PORT).isEmpty());
        Set<Long> pids = Stream.concat(Stream.of(karaf.toHandle()), karaf.descendants())
                .map(ProcessHandle::pid).collect(Collectors.toSet());
        List<ListeningSockets.Listener> listeners = ListeningSockets.ofProcesses(pids);

        assertThat(listeners).extracting(ListeningSockets.Listener::port)
                .contains(SSH_PORT, RMI_REGISTRY_PORT, RMI_SERVER_PORT, CA_PORT);
        // The Channel Access server is meant for the control network (CAJ binds every interface);
        // everything else - console, JMX, Karaf's shutdown port - stays on loopback.
        assertThat(listeners).filteredOn(l -> l.port() != CA_PORT).allSatisfy(l -> assertThat(l.loopback())
                .as("port %d listens on %s", l.port(), l.address()).isTrue());
    }

    @Test
    void bootPrintsNoException() throws Exception {
        // Karaf restarting a subsystem during boot shows up as a stack trace on the console.
        String printed = Files.readString(home.getParent().resolve("karaf.out"), StandardCharsets.ISO_8859_1);
        assertThat(printed).as("what bin/karaf printed while booting").doesNotContain("Exception");
    }

    @Test
    void theDefaultKarafLoginIsRefused() {
        assertThat(canLogIn("karaf", "karaf")).isFalse();
        assertThat(canLogIn(USER, PASSWORD)).isTrue();
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

    private record Exec(int exitStatus, String output) {
    }

    private Exec exec(String command) throws IOException {
        try (SshClient client = sshClient();
             ClientSession session = login(client, USER, PASSWORD);
             ChannelExec channel = session.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(10, TimeUnit.SECONDS);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(90));
            Integer status = channel.getExitStatus();
            return new Exec(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8));
        }
    }

    private String console(String command) throws IOException {
        try (SshClient client = sshClient();
             ClientSession session = login(client, USER, PASSWORD)) {
            return session.executeRemoteCommand(command);
        }
    }

    private boolean canLogIn(String user, String password) {
        try (SshClient client = sshClient(); ClientSession session = login(client, user, password)) {
            return session.isAuthenticated();
        } catch (IOException refused) {
            return false;
        }
    }

    private static SshClient sshClient() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        return client;
    }

    private static ClientSession login(SshClient client, String user, String password) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", SSH_PORT).verify(10, TimeUnit.SECONDS).getSession();
        session.addPasswordIdentity(password);
        try {
            session.auth().verify(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** Replaces the {@code key = value} line of a Karaf .cfg file. */
    private static void setKey(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.readAllLines(cfg, StandardCharsets.ISO_8859_1);
        List<String> changed = lines.stream()
                .map(l -> l.matches("\\s*" + key + "\\s*=.*") ? key + " = " + value : l)
                .collect(Collectors.toList());
        assertThat(changed).as("%s has a %s line", cfg, key).isNotEqualTo(lines);
        Files.write(cfg, changed, StandardCharsets.ISO_8859_1);
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e; (e = entries.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The number captured by {@code regex}'s first group in {@code output}; fails if absent. */
    private static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as("/%s/ in:%n%s", regex, output).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
