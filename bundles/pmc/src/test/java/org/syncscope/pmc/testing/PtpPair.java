package org.syncscope.pmc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Faults on one {@link Side}: {@link #stop} (SIGSTOP), {@link #linkDown}, {@link #restart},
 * {@link #passive} and {@link #swapPriorities}; each waits for the state it causes by polling pmc
 * (bounded), the ones returning a {@link Restore} undo themselves on close, and {@link #reset}
 * undoes everything and waits until the GRANDMASTER side leads again.
 */
public final class PtpPair implements AutoCloseable {

    private static final String PTP4L = "/usr/sbin/ptp4l";
    private static final String PMC = "/usr/sbin/pmc";
    private static final String NS_PREFIX = "syncscope-ptp-";
    private static final AtomicInteger PAIRS = new AtomicInteger();

    /** A side of the pair, named by the role it starts in (a swap or a fault may change that role). */
    public enum Side {
        GRANDMASTER("gm", 127), SLAVE("slave", 128);

        private final String file;
        private final int priority1;

        Side(String file, int priority1) {
            this.file = file;
            this.priority1 = priority1;
        }

        public Side other() {
            return this == GRANDMASTER ? SLAVE : GRANDMASTER;
        }
    }

    /** Undoes one disturbance ({@link #stop}, {@link #linkDown}, {@link #passive}) and waits until the pair is back. */
    public interface Restore extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    /** How long a wait for a state change may take: the announce timeout is 4 s, the BMCA needs two announces. */
    public static final Duration STATE_CHANGE = Duration.ofSeconds(30);

    private final Path dir;
    private final String gmNamespace;
    private final String slaveNamespace;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Side, Process> running = new EnumMap<>(Side.class);
    private final Map<Side, String> devices = new EnumMap<>(Side.class);
    private final Map<Side, Integer> priorities = new EnumMap<>(Side.class);
    private final Set<Side> stopped = EnumSet.noneOf(Side.class);
    private final Set<Side> linksDown = EnumSet.noneOf(Side.class);
    /** The GRANDMASTER_SETTINGS_NP to put back on a side made passive. */
    private final Map<Side, String> passiveRestore = new EnumMap<>(Side.class);
    private Side leader = Side.GRANDMASTER;
    /** The priority1 the leader announces: its value when it won (see {@link #swapPrioritiesNoWait}). */
    private int announced = Side.GRANDMASTER.priority1;
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
        return socket(Side.GRANDMASTER);
    }

    public Path slaveSocket() {
        return socket(Side.SLAVE);
    }

    /** The management socket of one side. */
    public Path socket(Side side) {
        return dir.resolve(side.file + ".sock");
    }

    /**
     * The pid of one side's ptp4l. {@code ip netns exec} enters the namespace and execs the command
     * (checked: {@code ip netns pids} lists the very pid the JDK started), so it is the Process's pid.
     */
    public synchronized long pid(Side side) {
        return running.get(side).pid();
    }

    /** The network namespace of one side (for {@code ip -n}). */
    public String namespace(Side side) {
        return side == Side.GRANDMASTER ? gmNamespace : slaveNamespace;
    }

    /** The veth device of one side, inside its namespace. */
    public synchronized String device(Side side) {
        return devices.get(side);
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
        synchronized (this) {
            devices.put(Side.GRANDMASTER, vethGm);
            devices.put(Side.SLAVE, vethSlave);
            for (Side side : Side.values()) {
                priorities.put(side, side.priority1);
                startPtp4l(side);
            }
        }
        for (Side side : Side.values()) {
            awaitAnswering(side);
        }
    }

    /** Starts one side's ptp4l with its current priority1, appending to its log. */
    private synchronized void startPtp4l(Side side) throws IOException {
        Path cfg = dir.resolve(side.file + ".cfg");
        Files.writeString(cfg, String.join("\n", "[global]", "priority1 " + priorities.get(side), "domainNumber 0",
                "free_running 1", "time_stamping software", "network_transport UDPv4",
                "uds_address " + socket(side), "summary_interval 0", "logAnnounceInterval 0",
                "announceReceiptTimeout 4", "logSyncInterval -1", "logMinDelayReqInterval -1", ""));
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace(side), PTP4L, "-S", "-i", devices.get(side),
                "-m", "-q", "-f", cfg.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(side.file + ".log").toFile())).start();
        processes.add(p);
        running.put(side, p);
    }

    /**
     * Waits (bounded) until one side's ptp4l answers on its socket, then tells it its sync is
     * certain (free_running keeps a slave UNCALIBRATED otherwise).
     */
    private void awaitAnswering(Side side) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (portState(side).equals("?")) {
            Process p;
            synchronized (this) {
                p = running.get(side);
            }
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new AssertionError("ptp4l " + side + " does not answer on its socket; log:\n"
                        + log(side == Side.GRANDMASTER));
            }
            Thread.sleep(50);
        }
        pmc(socket(side), "SET SYNCHRONIZATION_UNCERTAIN_NP 0");
    }

    /** The port state pmc reports for one side ("SLAVE", "MASTER", …), "?" when it does not answer. */
    public String portState(Side side) throws IOException, InterruptedException {
        Matcher m = PORT_STATE.matcher(pmc(socket(side), "GET PORT_DATA_SET"));
        return m.find() ? m.group(1) : "?";
    }

    /** Polls pmc until one side's port is in {@code state}; fails with the last state after {@code limit}. */
    public void awaitPortState(Side side, String state, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String now = portState(side);
        while (!now.equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the " + side + " side's port is " + now + ", not " + state + ", after "
                        + limit.toSeconds() + " s; log:\n" + log(side == Side.GRANDMASTER));
            }
            Thread.sleep(50);
            now = portState(side);
        }
    }

    /** Polls until the side now meant to lead is MASTER and the other SLAVE (as priorities and faults say). */
    public void awaitSettled(Duration limit) throws Exception {
        Side leader = leader();
        awaitPortState(leader, "MASTER", limit);
        awaitPortState(leader.other(), "SLAVE", limit);
    }

    /** The side that leads (is grandmaster once the pair has settled), as the swaps left it. */
    public synchronized Side leader() {
        return leader;
    }

    /**
     * SIGSTOP to one side's ptp4l, waited until the kernel shows it stopped: it reads nothing, its
     * socket queue fills. Closing the result sends SIGCONT and waits until it answers again.
     */
    public Restore stop(Side side) throws Exception {
        long pid;
        synchronized (this) {
            pid = pid(side);
            stopped.add(side);
        }
        run("kill", "-STOP", Long.toString(pid));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!processState(pid).equals("T")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("ptp4l " + side + " (pid " + pid + ") is not stopped: " + processState(pid));
            }
            Thread.sleep(10);
        }
        return () -> resume(side);
    }

    /** SIGCONT to a stopped side, then waits until it answers on its socket. */
    public void resume(Side side) throws Exception {
        long pid;
        synchronized (this) {
            if (!stopped.remove(side)) {
                return;
            }
            pid = pid(side);
        }
        run("kill", "-CONT", Long.toString(pid));
        awaitAnswering(side);
    }

    /** The state letter of /proc/PID/stat (R, S, T…), "gone" when there is no such process. */
    private static String processState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "gone";
        }
    }

    /**
     * Takes one side's veth down and waits until its port is FAULTY. Closing the result brings it
     * up and waits until the pair has settled again.
     */
    public Restore linkDown(Side side) throws Exception {
        synchronized (this) {
            linksDown.add(side);
        }
        run("ip", "-n", namespace(side), "link", "set", device(side), "down");
        awaitPortState(side, "FAULTY", STATE_CHANGE);
        return () -> linkUp(side);
    }

    /** Brings a side's link back up and waits until the pair has settled. */
    public void linkUp(Side side) throws Exception {
        synchronized (this) {
            if (!linksDown.remove(side)) {
                return;
            }
        }
        run("ip", "-n", namespace(side), "link", "set", device(side), "up");
        awaitSettled(STATE_CHANGE);
    }

    /**
     * Brings a side's link up without waiting for the pair to settle: the side then listens for
     * announces (LISTENING) until the announce timeout.
     */
    public void linkUpNoWait(Side side) throws Exception {
        synchronized (this) {
            linksDown.remove(side);
        }
        run("ip", "-n", namespace(side), "link", "set", device(side), "up");
    }

    /**
     * Kills one side's ptp4l (SIGTERM, then SIGKILL) and starts it again with its current
     * priority1; returns as soon as it answers on its socket (its port is then LISTENING or
     * INITIALIZING, for the announce timeout).
     */
    public void restart(Side side) throws Exception {
        Process old;
        synchronized (this) {
            old = running.get(side);
            stopped.remove(side);
        }
        if (old.isAlive()) {
            run("kill", "-CONT", Long.toString(old.pid()));   // a stopped process would not act on SIGTERM
        }
        old.destroy();
        if (!old.waitFor(5, TimeUnit.SECONDS)) {
            old.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        startPtp4l(side);
        awaitAnswering(side);
    }

    /**
     * Makes the side that is now slave PASSIVE: it announces clockClass 127 (as good as the
     * grandmaster's 248 is not), so the BMCA makes it neither slave nor master; its stepsRemoved
     * stays 1. Waits until its port is PASSIVE. Closing the result puts its grandmaster settings
     * back and waits until the pair has settled.
     */
    public Restore passive() throws Exception {
        Side side = leader().other();
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\s+(\\w+)\\s+(\\S+)\\s*$", Pattern.MULTILINE)
                .matcher(pmc(socket(side), "GET GRANDMASTER_SETTINGS_NP"));
        while (m.find()) {
            settings.put(m.group(1), m.group(2));
        }
        if (!settings.containsKey("clockClass") || !settings.containsKey("timeSource")) {
            throw new AssertionError("pmc printed no GRANDMASTER_SETTINGS_NP for " + side + ": " + settings);
        }
        String original = "SET GRANDMASTER_SETTINGS_NP " + settings.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(" "));
        settings.put("clockClass", "127");
        String changed = "SET GRANDMASTER_SETTINGS_NP " + settings.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(" "));
        synchronized (this) {
            passiveRestore.put(side, original);
        }
        pmc(socket(side), changed);
        awaitPortState(side, "PASSIVE", STATE_CHANGE);
        return () -> notPassive(side);
    }

    private void notPassive(Side side) throws Exception {
        String original;
        synchronized (this) {
            original = passiveRestore.remove(side);
        }
        if (original != null) {
            pmc(socket(side), original);
            awaitSettled(STATE_CHANGE);
        }
    }

    /**
     * Swaps the roles at run time and waits until the new leader is MASTER and the other SLAVE.
     * See {@link #swapPrioritiesNoWait}; {@link #reset} puts the original priorities back.
     */
    public void swapPriorities() throws Exception {
        swapPrioritiesNoWait();
        awaitSettled(STATE_CHANGE);
    }

    /**
     * Makes the follower better than the leader with {@code SET PRIORITY1} (ptp4l 3.1.1 accepts it
     * at run time). Only the follower's priority is changed, to one below what the leader announces:
     * ptp4l copies its own priority1 into the Announce it sends only when its BMCA runs, which a
     * master does only on an Announce received, so a priority set on the leader would not be
     * announced and the pair could stay as it is. The follower, which receives Announce messages,
     * decides within about a second; the old leader then hears the better Announce and follows.
     * Returns at once: the pair is changing roles.
     */
    public void swapPrioritiesNoWait() throws Exception {
        Side follower;
        int value;
        synchronized (this) {
            follower = leader.other();
            value = announced - 1;
            if (value < 1) {
                throw new IllegalStateException("no priority1 left below " + announced + ": reset() the pair");
            }
            priorities.put(follower, value);
            leader = follower;
            announced = value;
        }
        pmc(socket(follower), "SET PRIORITY1 " + value);
    }

    /**
     * Undoes whatever a test did (resumes a stopped side, brings links up, restarts a dead ptp4l,
     * puts grandmaster settings and priorities back) and waits until the GRANDMASTER side is MASTER
     * and the SLAVE side SLAVE again. For {@code @AfterEach}: a failed test leaves the pair usable.
     */
    public void reset() throws Exception {
        for (Side side : Side.values()) {
            resume(side);
            linkUp(side);
            Process p;
            synchronized (this) {
                p = running.get(side);
            }
            if (!p.isAlive()) {
                restart(side);
            }
        }
        for (Side side : Side.values()) {
            notPassive(side);
        }
        boolean swapped;
        synchronized (this) {
            swapped = leader != Side.GRANDMASTER || priorities.get(Side.GRANDMASTER) != Side.GRANDMASTER.priority1
                    || priorities.get(Side.SLAVE) != Side.SLAVE.priority1;
            if (swapped) {
                // a leader's announced priority cannot be changed at run time: start both afresh
                priorities.put(Side.GRANDMASTER, Side.GRANDMASTER.priority1);
                priorities.put(Side.SLAVE, Side.SLAVE.priority1);
                leader = Side.GRANDMASTER;
                announced = Side.GRANDMASTER.priority1;
            }
        }
        if (swapped) {
            restart(Side.SLAVE);
            restart(Side.GRANDMASTER);
        }
        awaitSettled(STATE_CHANGE);
    }

    private static final Pattern PORT_STATE = Pattern.compile("portState\\s+(\\S+)");

    private void awaitSlavePort(Duration limit) throws Exception {
        awaitPortState(Side.SLAVE, "SLAVE", limit);
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
            if (p.isAlive()) {
                try {
                    run("kill", "-CONT", Long.toString(p.pid()));   // a stopped ptp4l would not act on SIGTERM
                } catch (IOException | InterruptedException ignored) {
                    // gone meanwhile
                }
            }
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
