package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 18 in the shipped pmc feature: a ptp4l stopped with SIGSTOP while the adapter publishes
 * every second and the console asks. {@code ptp:host} fails by its timeout, PTP:HOST:Role goes
 * INVALID, an unrelated .cfg edit and a pmc .cfg edit still apply at once (the second without
 * disconnecting a monitor), and after SIGCONT everything recovers with no time stamp going back.
 * The pair is this class's own ({@link PtpPeers#startToDisturb}). Times are printed as "MEASURED" lines and
 * asserted with loose bounds only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PmcStoppedPtp4lIT {

    static final int CA_PORT = 25300;
    static final int SSH_PORT = 18250;
    static final long TIMEOUT_MS = 500;
    /** Loose bound over the timeout (the aim is 100 ms). */
    static final long SLACK_MS = 1500;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;

    @Configuration
    public Option[] config() throws Exception {
        Map<String, String> ptp = PtpPeers.startToDisturb();
        return SyncscopeServer.options(
                SyncscopeServer.channelAccessOn(CA_PORT),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH_PORT)),
                PtpOptions.pmcOnGrandmaster(ptp, "publishPeriodSeconds", "1", "timeoutMs", Long.toString(TIMEOUT_MS)),
                systemProperty("test.ptp.gm.pid").value(ptp.get("gm.pid")));
    }

    @Test
    public void aStoppedPtp4lFailsFastGoesInvalidBlocksNoEditAndRecovers() throws Exception {
        String pid = System.getProperty("test.ptp.gm.pid");
        Path etc = Paths.get(System.getProperty("karaf.etc"));
        Path pmcCfg = etc.resolve("org.syncscope.pmc.cfg");
        Path tsCfg = etc.resolve("org.syncscope.timestamp.cfg");
        List<String> pmcOriginal = Files.readAllLines(pmcCfg, StandardCharsets.ISO_8859_1);
        List<String> tsOriginal = Files.readAllLines(tsCfg, StandardCharsets.ISO_8859_1);
        PyEpicsScript.await("ptp:host shows the grandmaster", Duration.ofSeconds(30),
                () -> attempt("ptp:host").contains("Role=Grandmaster"));
        try (PvTrace role = PvTrace.start(CA_PORT, "PTP:HOST:Role")) {
            await(role, "PTP:HOST:Role monitored, GRANDMASTER NO_ALARM", Duration.ofSeconds(30),
                    () -> role.last() != null && role.last().value().equals("GRANDMASTER") && role.last().severity() == 0);
            try {
                signal("STOP", pid);
                PyEpicsScript.await("ptp4l stopped", Duration.ofSeconds(10), () -> processState(pid).equals("T"));
                long stoppedAt = System.currentTimeMillis();

                // the console: every ptp:host fails, by its timeout
                long worst = 0;
                List<String> errors = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    long t0 = System.nanoTime();
                    String out = attemptWithin("ptp:host", TIMEOUT_MS + SLACK_MS);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    worst = Math.max(worst, ms);
                    errors.add(ms + " ms: " + out.trim().replaceAll(" to GET .* (within|not sent)", " … $1"));
                    assertTrue(out, out.contains("ptp4l: ") && !out.contains("Role="));
                    assertTrue(ms + " ms for: " + out, ms < TIMEOUT_MS + SLACK_MS);
                }
                System.out.printf("MEASURED ptp:host against a stopped ptp4l (timeout %d ms): slowest of 8 %d ms%n",
                        TIMEOUT_MS, worst);
                System.out.println("MEASURED errors: " + errors);

                // the PV: INVALID (severity 3), UNKNOWN
                await(role, "PTP:HOST:Role INVALID", Duration.ofSeconds(10),
                        () -> role.last().severity() == 3 && role.last().value().equals("UNKNOWN"));
                PvTrace.Update invalid = role.updates().stream().filter(u -> u.severity() == 3).findFirst().orElseThrow();
                System.out.printf("MEASURED PTP:HOST:Role INVALID %.0f ms after SIGSTOP%n", invalid.arrivedMillis() - stoppedAt);

                // an unrelated edit applies at once: the timestamp driver's timeout, shown by ts:report
                long t0 = System.nanoTime();
                Files.write(tsCfg, replace(tsOriginal, "timeoutMs", "300"), StandardCharsets.ISO_8859_1);
                PyEpicsScript.await("ts:report shows the new timeout", Duration.ofSeconds(10),
                        () -> attempt("ts:report").contains("timeout 300 ms"));
                long tsMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("MEASURED unrelated edit (timestamp timeoutMs) applied in %d ms while ptp4l is "
                        + "stopped%n", tsMs);
                assertTrue(tsMs + " ms", tsMs < 5000);

                // a pmc edit applies at once too, and keeps the PVs (no disconnect)
                t0 = System.nanoTime();
                Files.write(pmcCfg, replace(pmcOriginal, "timeoutMs", "700"), StandardCharsets.ISO_8859_1);
                PyEpicsScript.await("ptp:host fails with the new timeout", Duration.ofSeconds(10),
                        () -> attempt("ptp:host").contains("700 ms"));
                long pmcMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("MEASURED pmc edit (timeoutMs 700) applied in %d ms while ptp4l is stopped%n", pmcMs);
                t0 = System.nanoTime();
                String out = attemptWithin("ptp:host", 700 + SLACK_MS);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("MEASURED ptp:host with timeoutMs 700: %d ms%n", ms);
                assertTrue(ms + " ms: " + out, ms < 700 + SLACK_MS);
                int before = role.updates().size();
                await(role, "PTP:HOST:Role updated (INVALID) after the pmc edit", Duration.ofSeconds(10),
                        () -> role.updates().size() > before + 1);
            } finally {
                signal("CONT", pid);
            }
            long resumed = System.currentTimeMillis();
            PyEpicsScript.await("ptp:host shows the grandmaster again", Duration.ofSeconds(30),
                    () -> attempt("ptp:host").contains("Role=Grandmaster"));
            await(role, "PTP:HOST:Role GRANDMASTER NO_ALARM again", Duration.ofSeconds(30),
                    () -> role.last().value().equals("GRANDMASTER") && role.last().severity() == 0);
            System.out.printf("MEASURED PTP:HOST:Role back to GRANDMASTER %.0f ms after SIGCONT%n",
                    role.last().arrivedMillis() - resumed);

            List<PvTrace.Update> updates = role.updates();
            double previous = Double.NEGATIVE_INFINITY;
            double oldest = 0;
            for (PvTrace.Update u : updates) {
                assertTrue("stamp went back: " + updates, u.stampMillis() >= previous);
                previous = u.stampMillis();
                oldest = Math.max(oldest, u.arrivedMillis() - u.stampMillis());
            }
            System.out.printf("MEASURED PTP:HOST:Role: %d updates, oldest stamp on arrival %.0f ms%n", updates.size(),
                    oldest);
            assertTrue("a value arrived " + oldest + " ms after its stamp: " + updates, oldest < 700 + SLACK_MS);
            assertEquals("PTP:HOST:Role stayed connected: " + role.describe(), List.of(true),
                    role.connections().stream().map(PvTrace.Connection::connected).collect(Collectors.toList()));
        } finally {
            Files.write(pmcCfg, pmcOriginal, StandardCharsets.ISO_8859_1);
            Files.write(tsCfg, tsOriginal, StandardCharsets.ISO_8859_1);
        }
        PyEpicsScript.await("ts:report shows the shipped timeout again", Duration.ofSeconds(20),
                () -> attempt("ts:report").contains("timeout 250 ms"));
    }

    /** {@link PyEpicsScript#await}, failing with what the trace saw. */
    private static void await(PvTrace trace, String what, Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        try {
            PyEpicsScript.await(what, limit, () -> trace.last() != null && condition.getAsBoolean());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + trace.describe(), e);
        }
    }

    /**
     * {@link #attempt}, failing (not hanging) when the command is still running after {@code ms}:
     * the test's finally resumes ptp4l, which lets such a command end.
     */
    private String attemptWithin(String command, long ms) throws Exception {
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return one.submit(() -> attempt(command)).get(ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(command + " still runs " + ms + " ms later, ptp4l stopped");
        } finally {
            one.shutdown();
        }
    }

    private String attempt(String command) {
        return SyncscopeServer.run(sessionFactory, command).output();
    }

    private static List<String> replace(List<String> lines, String key, String value) {
        List<String> out = lines.stream().map(l -> l.startsWith(key + " ") || l.startsWith(key + "=")
                ? key + " = " + value : l).collect(Collectors.toList());
        if (out.equals(lines)) {
            out.add(key + " = " + value);
        }
        return out;
    }

    private static void signal(String signal, String pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, pid).redirectErrorStream(true).start();
        assertTrue("kill -" + signal + " finished", p.waitFor(10, TimeUnit.SECONDS));
        assertEquals("kill -" + signal + " " + pid + ": " + new String(p.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), 0, p.exitValue());
    }

    /** The state letter of /proc/PID/stat (T = stopped). */
    private static String processState(String pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", pid, "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
        } catch (Exception e) {
            return "gone";
        }
    }
}
