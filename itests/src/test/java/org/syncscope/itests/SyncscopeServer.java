package org.syncscope.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Pax Exam options that boot the Syncscope assembly built by this reactor, on ports of its own so
 * a demo server running on the same machine never answers a test.
 */
public final class SyncscopeServer {

    /** SSH console port inside tests (the shipped default is 8101). */
    public static final int SSH_PORT = 18101;

    private static final String TIMESTAMP_CFG = "etc/org.syncscope.timestamp.cfg";

    /** Pax Web's configuration: the HTTP port and the addresses it listens on. */
    public static final String HTTP_CFG = "etc/org.ops4j.pax.web.cfg";

    private SyncscopeServer() {
    }

    /** Two UDP ports free on this host now, both held while picking so they differ. */
    private static int[] freeUdpPorts() {
        try (DatagramSocket a = new DatagramSocket(0); DatagramSocket b = new DatagramSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        } catch (SocketException e) {
            throw new IllegalStateException("no free UDP port for the test server's drvTS ports", e);
        }
    }

    /** A TCP port free on this host now. */
    private static int freeTcpPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port for the test server's pvAccess server", e);
        }
    }

    /**
     * The pvAccess server on free ports (search {@code udp[0]}, TCP {@code tcp}), beacons to
     * loopback, and the pvAccess client pointed at it alone, hearing beacons on {@code udp[1]}:
     * never the 5075/5076 of a demo server on this host.
     */
    static Option pvAccessOn(int[] udp, int tcp) {
        return composite(
            editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "serverPort", Integer.toString(tcp)),
            editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "broadcastPort", Integer.toString(udp[0])),
            editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "autoBeaconAddrList", "false"),
            editConfigurationFilePut("etc/org.syncscope.pvas.cfg", "beaconAddrList", "127.0.0.1:" + udp[1]),
            editConfigurationFilePut("etc/org.syncscope.pva.cfg", "addressList", "127.0.0.1:" + udp[0]),
            editConfigurationFilePut("etc/org.syncscope.pva.cfg", "autoAddressList", "false"),
            editConfigurationFilePut("etc/org.syncscope.pva.cfg", "broadcastPort", Integer.toString(udp[1])));
    }

    /** Inside the container: the drvTS master port its timestamp driver was given. */
    public static int timestampMasterPort() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Paths.get(System.getProperty("karaf.etc"), "org.syncscope.timestamp.cfg"),
                StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        String port = p.getProperty("masterPort");
        if (port == null) {
            throw new IllegalStateException("org.syncscope.timestamp.cfg has no masterPort");
        }
        return Integer.parseInt(port.trim());
    }

    /** Inside the container: the pvAccess server's UDP search port (its {@code broadcastPort}). */
    public static int pvAccessSearchPort() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Paths.get(System.getProperty("karaf.etc"), "org.syncscope.pvas.cfg"),
                StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        String port = p.getProperty("broadcastPort");
        if (port == null) {
            throw new IllegalStateException("org.syncscope.pvas.cfg has no broadcastPort");
        }
        return Integer.parseInt(port.trim());
    }

    /** Runs a console command in the container and returns what it printed; a failure fails the test. */
    public static String execute(SessionFactory sessionFactory, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, print, print);
        try {
            session.execute(command);
        } catch (Exception e) {
            throw new AssertionError(command + " failed: " + e + "\n" + out.toString(StandardCharsets.UTF_8), e);
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What a console command printed and returned (null when it failed). */
    public record CommandRun(String output, Object result) {
    }

    /**
     * Runs a console command in the container; a failure does not fail the test but ends the
     * output with the exception, so tests can assert on error messages and return values alike.
     */
    public static CommandRun run(SessionFactory sessionFactory, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, print, print);
        try {
            Object result = session.execute(command);
            return new CommandRun(out.toString(StandardCharsets.UTF_8), result);
        } catch (Exception e) {
            return new CommandRun(out.toString(StandardCharsets.UTF_8) + e, null);
        } finally {
            session.close();
        }
    }

    /**
     * Moves the Channel Access server to {@code port} with beacons on loopback, and points the CA
     * client at it alone: each test class gets a CA network of its own.
     */
    public static Option channelAccessOn(int port) {
        return composite(
            editConfigurationFilePut("etc/org.syncscope.cas.cfg", "port", Integer.toString(port)),
            editConfigurationFilePut("etc/org.syncscope.cas.cfg", "autoBeaconAddrList", "false"),
            editConfigurationFilePut("etc/org.syncscope.cas.cfg", "beaconAddrList", "127.0.0.1"),
            editConfigurationFilePut("etc/org.syncscope.ca.cfg", "addrList", "127.0.0.1:" + port),
            editConfigurationFilePut("etc/org.syncscope.ca.cfg", "autoAddrList", "false"));
    }

    /** The features of the HTTP service and what is served on it, which these containers do not boot. */
    static final List<String> WEB_FEATURES = List.of("syncscope-http", "syncscope-statuspage", "syncscope-metrics",
            "syncscope-screens");

    /**
     * The shipped server's featuresBoot without {@link #WEB_FEATURES}: a Pax Exam container that
     * booted Pax Web beside the probe sometimes never came up (2 of about 28 per CI run, its boot
     * stalled before the Syncscope bundles started), the shipped server itself never. The tests
     * of the web parts install them at runtime (the live path FeatureInstallIT covers), and the
     * shipped-server tests boot them as a site does.
     */
    static String bootWithoutWeb(String zip) {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip)) {
            java.util.zip.ZipEntry cfg = z.stream().filter(e -> e.getName().endsWith("/etc/org.apache.karaf.features.cfg"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(zip + " has no etc/org.apache.karaf.features.cfg"));
            Properties p = new Properties();
            try (Reader r = new java.io.InputStreamReader(z.getInputStream(cfg), StandardCharsets.ISO_8859_1)) {
                p.load(r);
            }
            List<String> kept = new ArrayList<>();
            for (String f : p.getProperty("featuresBoot", "").split(",")) {
                String name = f.trim();
                String bare = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
                if (!name.isEmpty() && !WEB_FEATURES.contains(bare)) {
                    kept.add(name);
                }
            }
            return String.join(",", kept);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + zip, e);
        }
    }

    /** The options for a test class; {@code extra} options are appended. */
    public static Option[] options(Option... extra) {
        String zip = System.getProperty("syncscope.assembly.zip");
        if (zip == null || !new File(zip).isFile()) {
            throw new IllegalStateException("syncscope.assembly.zip does not name a built assembly: " + zip
                    + " (build the assembly module first, e.g. mvn verify from the top folder)");
        }
        int[] drvTs = freeUdpPorts();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(zip).toURI().toString())
                        .name("Syncscope")
                        .karafVersion("4.4.10")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                // keep target/exam/<run>/data/log/karaf.log for diagnosing failures
                keepRuntimeFolder(),
                logLevel(LogLevel.WARN),
                // the shipped server's collector (bin/setenv): pauses far below a millisecond
                vmOption("-XX:+UseZGC"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH_PORT)),
                // a demo server on this host answers time requests on 18323 and may listen for sync messages on
                // 18322; a fixed test pair would meet another build's server, so the kernel picks free ones
                editConfigurationFilePut(TIMESTAMP_CFG, "masterPort", Integer.toString(drvTs[0])),
                editConfigurationFilePut(TIMESTAMP_CFG, "slavePort", Integer.toString(drvTs[1]))));
        options.add(pvAccessOn(freeUdpPorts(), freeTcpPort()));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot", bootWithoutWeb(zip)));
        // Karaf's HTTP service (status page, metrics, screens) on a port of its own, never 8181
        options.add(editConfigurationFilePut(HTTP_CFG, "org.osgi.service.http.port", Integer.toString(freeTcpPort())));
        // The JMX/RMI ports need no setting: Pax Exam writes free ones into org.apache.karaf.management.cfg
        // (seen: rmiRegistryPort 45911, rmiServerPort 36899). Channel Access: each class calls channelAccessOn.
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }
}
