package org.syncscope.pmc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Two real ptp4l (Debian linuxptp) clocks in two network namespaces joined by a veth pair, software
 * timestamping, free running (the system clock is never touched). The grandmaster side has the lower
 * priority1. Each ptp4l's Unix management socket is a plain file in a temporary directory, reachable
 * from this namespace. {@link #close()} (also run at JVM exit) kills both, deletes the namespaces and
 * the directory, whatever state a failed test left. Needs root; missing tools fail in CI and skip
 * elsewhere.
 */
public final class PtpPair implements AutoCloseable {

    private static final String PTP4L = "/usr/sbin/ptp4l";
    private static final String PMC = "/usr/sbin/pmc";
    private static final String NS_PREFIX = "syncscope-ptp-";
    private static final AtomicInteger PAIRS = new AtomicInteger();

    private final Path dir;
    private final String gmNamespace;
    private final String slaveNamespace;
    private final List<Process> processes = new ArrayList<>();
    private final Thread cleanupAtExit = new Thread(this::cleanUp, "ptp-pair-cleanup");
    private boolean closed;

    private PtpPair(Path dir, String gmNamespace, String slaveNamespace) {
        this.dir = dir;
        this.gmNamespace = gmNamespace;
        this.slaveNamespace = slaveNamespace;
    }

    /** Fails in CI, skips elsewhere, when this machine cannot run the pair. */
    public static void requireLinuxptp() {
        String missing = null;
        if (!Files.isExecutable(Path.of(PTP4L)) || !Files.isExecutable(Path.of(PMC))) {
            missing = "linuxptp (ptp4l, pmc) is not installed: ./syncscope test installs it";
        } else if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            missing = "iproute2 (ip) is not installed: ./syncscope test installs it";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            missing = "network namespaces need root (CI runs as root)";
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
    }

    /** pmc alone (no namespaces, no root): for tests that talk to a stand-in ptp4l. */
    public static String requirePmc() {
        if (!Files.isExecutable(Path.of(PMC))) {
            String why = "pmc (Debian linuxptp) is not installed: ./syncscope test installs it";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        return PMC;
    }

    /** Starts both clocks and waits (bounded) until the slave port is SLAVE. */
    public static PtpPair start() throws Exception {
        requireLinuxptp();
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        int n = PAIRS.incrementAndGet();
        Path dir = Files.createTempDirectory("ptp-pair");
        PtpPair pair = new PtpPair(dir, NS_PREFIX + pid + "-" + n + "-gm", NS_PREFIX + pid + "-" + n + "-slave");
        Runtime.getRuntime().addShutdownHook(pair.cleanupAtExit);
        try {
            pair.startClocks(pid, n);
            pair.awaitSlavePort(Duration.ofSeconds(40));
        } catch (Throwable e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    public Path grandmasterSocket() {
        return dir.resolve("gm.sock");
    }

    public Path slaveSocket() {
        return dir.resolve("slave.sock");
    }

    /** ptp4l's log of one side, for failure messages. */
    public String log(boolean grandmaster) {
        try {
            return Files.readString(dir.resolve(grandmaster ? "gm.log" : "slave.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs pmc against one side and returns its output. */
    public String pmc(Path socket, String command) throws IOException, InterruptedException {
        return run(PMC, "-u", "-b", "0", "-s", socket.toString(), command);
    }

    private void startClocks(long pid, int n) throws Exception {
        String vethGm = "ssp" + (pid % 1_000_000) + n + "g";
        String vethSlave = "ssp" + (pid % 1_000_000) + n + "s";
        run("ip", "netns", "add", gmNamespace);
        run("ip", "netns", "add", slaveNamespace);
        run("ip", "link", "add", vethGm, "type", "veth", "peer", "name", vethSlave);
        run("ip", "link", "set", vethGm, "netns", gmNamespace);
        run("ip", "link", "set", vethSlave, "netns", slaveNamespace);
        run("ip", "-n", gmNamespace, "addr", "add", "10.213.0.1/24", "dev", vethGm);
        run("ip", "-n", slaveNamespace, "addr", "add", "10.213.0.2/24", "dev", vethSlave);
        for (String[] side : new String[][] {{gmNamespace, vethGm}, {slaveNamespace, vethSlave}}) {
            run("ip", "-n", side[0], "link", "set", "lo", "up");
            run("ip", "-n", side[0], "link", "set", side[1], "up");
        }
        startPtp4l(gmNamespace, vethGm, "gm", 127);
        startPtp4l(slaveNamespace, vethSlave, "slave", 128);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Files.exists(grandmasterSocket()) || !Files.exists(slaveSocket())) {
            if (System.nanoTime() > deadline || processes.stream().anyMatch(p -> !p.isAlive())) {
                throw new AssertionError("ptp4l did not open its sockets; gm log:\n" + log(true) + "\nslave log:\n"
                        + log(false));
            }
            Thread.sleep(50);
        }
        // free_running keeps the slave UNCALIBRATED unless the clocks are told their sync is certain
        for (Path socket : List.of(grandmasterSocket(), slaveSocket())) {
            pmc(socket, "SET SYNCHRONIZATION_UNCERTAIN_NP 0");
        }
    }

    private void startPtp4l(String namespace, String iface, String name, int priority1) throws IOException {
        Path cfg = dir.resolve(name + ".cfg");
        Files.writeString(cfg, String.join("\n", "[global]", "priority1 " + priority1, "domainNumber 0",
                "free_running 1", "time_stamping software", "network_transport UDPv4",
                "uds_address " + dir.resolve(name + ".sock"), "summary_interval 0", "logAnnounceInterval 0",
                "announceReceiptTimeout 4", "logSyncInterval -1", "logMinDelayReqInterval -1", ""));
        processes.add(new ProcessBuilder("ip", "netns", "exec", namespace, PTP4L, "-S", "-i", iface, "-m", "-q",
                "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }

    private static final Pattern PORT_STATE = Pattern.compile("portState\\s+(\\S+)");

    private void awaitSlavePort(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String state = "?";
        while (System.nanoTime() < deadline) {
            Matcher m = PORT_STATE.matcher(pmc(slaveSocket(), "GET PORT_DATA_SET"));
            state = m.find() ? m.group(1) : "?";
            if (state.equals("SLAVE")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the slave port is " + state + " after " + limit.toSeconds() + " s; slave log:\n"
                + log(false));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
            } catch (IllegalStateException exiting) {
                // the hook is running or has run
            }
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : List.of(gmNamespace, slaveNamespace)) {
            deleteNamespace(ns);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; nothing else depends on it
        }
    }

    /** Namespaces of earlier runs whose JVM died before cleaning up (killed, OOM). */
    private static void removeLeftovers() throws IOException, InterruptedException {
        for (String line : run("ip", "netns", "list").split("\n")) {
            String ns = line.trim().split(" ")[0];
            if (ns.startsWith(NS_PREFIX)) {
                String pid = ns.substring(NS_PREFIX.length()).split("-")[0];
                boolean alive = pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteNamespace(ns);
                }
            }
        }
    }

    private static void deleteNamespace(String ns) {
        try {
            // ptp4l processes still inside would keep the namespace's devices alive: kill them first
            String pids = run("ip", "netns", "pids", ns).trim();
            for (String pid : pids.split("\\s+")) {
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            run("ip", "netns", "delete", ns);
        } catch (IOException | InterruptedException | NumberFormatException ignored) {
            // already gone
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.trim());
        }
        return out;
    }
}
