package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
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
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * The assembly zip unpacked under {@code target/} and run as an operator runs it ({@code bin/karaf
 * server}, no Pax Exam inside), on ports of its own so that it never meets a demo server on the
 * same host; its console is reached over SSH with an operator user added to users.properties.
 */
final class ShippedServer implements AutoCloseable {

    static final String USER = "itest-operator";
    static final String PASSWORD = "Itest-Secret-43";

    /** The ports this server listens on; none of them a default one. */
    record Ports(int ssh, int rmiRegistry, int rmiServer, int channelAccess, int timestampMaster, int timestampSlave) {

        /** The HTTP service's port: 3000 above the CA port. */
        int http() {
            return channelAccess + 3000;
        }
    }

    /** What an SSH exec request returned: Karaf hands the command's result over as the exit status. */
    record Exec(int exitStatus, String output) {
    }

    private final Path root;
    private final Path home;
    private final Ports ports;
    private Process karaf;

    private ShippedServer(Path root, Path home, Ports ports) {
        this.root = root;
        this.home = home;
        this.ports = ports;
    }

    /**
     * Unpacks the assembly into {@code target/<folder>} (replacing what was there), moves every
     * port off its default and adds the operator user; {@link #start()} runs it.
     */
    static ShippedServer unpack(String folder, Ports ports) throws IOException {
        Path zip = Paths.get(System.getProperty("syncscope.assembly.zip"));
        Path root = Paths.get("target", folder).toAbsolutePath();
        deleteTree(root);
        unzip(zip, root);
        Path home;
        try (Stream<Path> top = Files.list(root)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
            for (Path p : bin.collect(Collectors.toList())) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        ShippedServer server = new ShippedServer(root, home, ports);
        server.setKey("org.apache.karaf.shell.cfg", "sshPort", ports.ssh());
        server.setKey("org.apache.karaf.management.cfg", "rmiRegistryPort", ports.rmiRegistry());
        server.setKey("org.apache.karaf.management.cfg", "rmiServerPort", ports.rmiServer());
        // Keep this server's Channel Access traffic on loopback and off the default port.
        server.setKey("org.syncscope.cas.cfg", "port", ports.channelAccess());
        server.setKey("org.syncscope.cas.cfg", "autoBeaconAddrList", "false");
        server.setKey("org.syncscope.cas.cfg", "beaconAddrList", "127.0.0.1");
        server.setKey("org.syncscope.ca.cfg", "autoAddrList", "false");
        server.setKey("org.syncscope.ca.cfg", "addrList", "127.0.0.1:" + ports.channelAccess());
        // pvAccess likewise, 1000 above the CA port: TCP, search UDP, and the client's beacon port
        int pva = ports.channelAccess() + 1000;
        server.setKey("org.syncscope.pvas.cfg", "serverPort", pva);
        server.setKey("org.syncscope.pvas.cfg", "broadcastPort", pva + 1);
        server.setKey("org.syncscope.pvas.cfg", "autoBeaconAddrList", "false");
        server.setKey("org.syncscope.pvas.cfg", "beaconAddrList", "127.0.0.1:" + (pva + 2));
        server.setKey("org.syncscope.pva.cfg", "autoAddressList", "false");
        server.setKey("org.syncscope.pva.cfg", "addressList", "127.0.0.1:" + (pva + 1));
        server.setKey("org.syncscope.pva.cfg", "broadcastPort", pva + 2);
        // the HTTP service (status page, metrics, screens) 3000 above the CA port: a demo server has 8181
        server.setKey("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", ports.http());
        // drvTS UDP: a demo server on this host answers on the default ports
        server.setKey("org.syncscope.timestamp.cfg", "masterPort", ports.timestampMaster());
        server.setKey("org.syncscope.timestamp.cfg", "slavePort", ports.timestampSlave());
        // An operator user, added the way users.properties documents, so the test can use the console.
        Files.writeString(home.resolve("etc/users.properties"), USER + " = " + PASSWORD + ",_g_:admingroup\n",
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        return server;
    }

    /** Starts {@code bin/karaf server} and waits for the console and the booted demo site. */
    void start() throws IOException {
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(printed().toFile())
                .start();
        await("the console's SSH port " + ports.ssh()).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> !karaf.isAlive() || !ListeningSockets.addressesListeningOn(ports.ssh()).isEmpty());
        assertThat(karaf.isAlive()).as("Karaf is running (see %s)", printed()).isTrue();
        await("the demo site to be up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> console("feature:list -i").contains("syncscope-demo-site"));
    }

    Ports ports() {
        return ports;
    }

    Path home() {
        return home;
    }

    /** What {@code bin/karaf} printed. */
    Path printed() {
        return root.resolve("karaf.out");
    }

    /** The server's log, where the features service writes what it installs, stops and refreshes. */
    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** The Karaf process and its children. */
    List<ProcessHandle> processes() {
        return Stream.concat(Stream.of(karaf.toHandle()), karaf.descendants()).collect(Collectors.toList());
    }

    /** Replaces the {@code key = value} line of {@code etc/<cfg>}; fails if the file has no such line. */
    void setKey(String cfg, String key, Object value) throws IOException {
        Path file = home.resolve("etc").resolve(cfg);
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<String> changed = lines.stream()
                .map(l -> l.matches("\\s*" + key + "\\s*=.*") ? key + " = " + value : l)
                .collect(Collectors.toList());
        assertThat(lines).as("%s has a %s line", file, key).anyMatch(l -> l.matches("\\s*" + key + "\\s*=.*"));
        Files.write(file, changed, StandardCharsets.ISO_8859_1);
    }

    /** Moves Karaf's HTTP service (etc/org.ops4j.pax.web.cfg, loopback as shipped) to {@code port}; before {@link #start()}. */
    void setHttpPort(int port) throws IOException {
        setKey("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", port);
    }


    /** Runs a console command as the operator and returns what it printed. */
    String console(String command) throws IOException {
        try (SshClient client = SshLogin.client();
             ClientSession session = SshLogin.login(client, ports.ssh(), USER, PASSWORD)) {
            return session.executeRemoteCommand(command);
        }
    }

    /** Runs a console command as an SSH exec request, as a script does, with its exit status. */
    Exec exec(String command) throws IOException {
        try (SshClient client = SshLogin.client();
             ClientSession session = SshLogin.login(client, ports.ssh(), USER, PASSWORD);
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

    boolean canLogIn(String user, String password) {
        try (SshClient client = SshLogin.client(); ClientSession session = SshLogin.login(client, ports.ssh(), user, password)) {
            return session.isAuthenticated();
        } catch (IOException refused) {
            return false;
        }
    }

    /** Kills Karaf and every process it started at once, as a crashed or killed IOC goes; {@link #start()} runs it again. */
    void kill() throws Exception {
        List<ProcessHandle> all = processes();
        all.forEach(ProcessHandle::destroyForcibly);
        if (!karaf.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Karaf did not end after a kill");
        }
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** Stops Karaf and every process it started; kills them if they do not end within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> all = processes();
        all.forEach(ProcessHandle::destroy);
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            all.forEach(ProcessHandle::destroyForcibly);
            karaf.waitFor(10, TimeUnit.SECONDS);
        }
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
}
