package org.syncscope.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A sync profile whose input IOC, a real Channel Access server in another process
 * ({@link RestartIoc}), is killed and started again on the same port three times, 10–20 s each.
 * Read by pyepics as an operator's client or an archiver would: per output PV the timestamps never
 * go back; no frequency or pair sample spans an outage or uses the old value an IOC serves at boot;
 * outputs are INVALID/COMM within 1 s of each kill and correct within 2 s of the IOC's return.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IocRestartIT {

    static final int CA_PORT = 25210;
    static final int IOC_PORT = 25211;
    static final String IOC = "RIOC";
    static final String PAIR = IOC + ":A_vs_" + IOC + ":B";
    static final int INVALID = 3;
    static final int COMM = 9;

    @Inject
    private BootFinished bootFinished;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(composite(
                editConfigurationFilePut("etc/org.syncscope.cas.cfg", "port", Integer.toString(CA_PORT)),
                editConfigurationFilePut("etc/org.syncscope.cas.cfg", "autoBeaconAddrList", "false"),
                editConfigurationFilePut("etc/org.syncscope.cas.cfg", "beaconAddrList", "127.0.0.1"),
                editConfigurationFilePut("etc/org.syncscope.ca.cfg", "addrList",
                        "127.0.0.1:" + CA_PORT + " 127.0.0.1:" + IOC_PORT),
                editConfigurationFilePut("etc/org.syncscope.ca.cfg", "autoAddrList", "false"),
                editConfigurationFilePut("etc/org.syncscope.syncprofile-restart.cfg", "pvs", IOC + ":A, " + IOC + ":B"),
                editConfigurationFilePut("etc/org.syncscope.syncprofile-restart.cfg", "window", "100"),
                systemProperty("syncscope.ioc.classpath").value(iocClasspath())));
    }

    /**
     * Where the IOC's classes are, as this (failsafe) JVM finds them: the test classes, cas and its
     * test-jar ({@code CaServers}), caj-support, the testing helpers, api, jca, slf4j.
     */
    private static String iocClasspath() {
        List<String> parts = new ArrayList<>();
        for (String c : List.of("org.syncscope.itests.RestartIoc", "org.syncscope.cas.CaServer",
                "org.syncscope.cas.testing.CaServers", "org.syncscope.caj.support.ClosingTimer",
                "org.syncscope.testing.Configs", "org.syncscope.api.pv.PvSpec",
                "gov.aps.jca.Context", "org.slf4j.LoggerFactory")) {
            try {
                parts.add(new File(Class.forName(c).getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
            } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
                throw new IllegalStateException("the restart IOC needs " + c + " on the test classpath", e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    static List<String> outputs() {
        List<String> all = new ArrayList<>();
        for (String pv : List.of(IOC + ":A", IOC + ":B")) {
            for (String s : List.of("InstantFreq", "AvgFreq", "MinFreq", "MaxFreq", "StdFreq")) {
                all.add(pv + ":" + s);
            }
        }
        for (String s : List.of("CurrentDiff", "AvgDiff", "MinDiff", "MaxDiff", "StdDiff")) {
            all.add(PAIR + ":" + s);
        }
        return all;
    }

    /** The IOC process and the time it began processing (its return, for the test). */
    private static final class Ioc implements AutoCloseable {
        final Process process;
        final long processingMillis;

        Ioc(Process process, long processingMillis) {
            this.process = process;
            this.processingMillis = processingMillis;
        }

        static Ioc start() throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-DCA_DISABLE_REPEATER=true",
                    "-cp", System.getProperty("syncscope.ioc.classpath"), "org.syncscope.itests.RestartIoc",
                    Integer.toString(IOC_PORT), IOC).redirectErrorStream(true);
            Process p = pb.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // killed
                }
            }, "restart-ioc-output");
            reader.setDaemon(true);
            reader.start();
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                seen.append(line).append('\n');
                if (line.startsWith("processing ")) {
                    return new Ioc(p, Long.parseLong(line.substring("processing ".length()).trim()));
                }
            }
            p.destroyForcibly();
            throw new AssertionError("the restart IOC did not start processing within 30 s; it printed:\n" + seen);
        }

        /** Kills it as a crash would; returns when it is gone. */
        long kill() throws InterruptedException {
            long at = System.currentTimeMillis();
            process.destroyForcibly();
            assertTrue("the IOC process ended", process.waitFor(10, TimeUnit.SECONDS));
            return at;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    public void outputsSurviveThreeIocRestartsWithoutABackwardStampOrASampleAcrossAnOutage() throws Exception {
        List<Long> kills = new ArrayList<>();
        List<Long> returns = new ArrayList<>();
        long[] outageMillis = {10_000, 15_000, 10_000};
        try (OutputRecorder recorder = OutputRecorder.start(CA_PORT, outputs())) {
            Ioc ioc = Ioc.start();
            try {
                returns.add(ioc.processingMillis);
                PyEpicsScript.await("every output valid", Duration.ofSeconds(60), () -> outputs().stream().allMatch(pv -> {
                    List<OutputRecorder.Event> e = recorder.events(pv);
                    return !e.isEmpty() && e.get(e.size() - 1).valid();
                }));
                for (long outage : outageMillis) {
                    runFor(3_000);
                    kills.add(ioc.kill());
                    runFor(outage);
                    ioc = Ioc.start();
                    returns.add(ioc.processingMillis);
                }
                runFor(3_000);
            } finally {
                ioc.close();
            }
            List<String> noise = recorder.otherOutput().stream()
                    .filter(line -> !line.startsWith("****")).toList();   // libca's note that it found no caRepeater
            assertTrue("pyepics printed only events: " + noise, noise.isEmpty());
            List<String> failures = new ArrayList<>();
            StringBuilder summary = new StringBuilder();
            for (String pv : outputs()) {
                check(pv, recorder.events(pv), kills, returns, failures, summary);
            }
            Files.writeString(Paths.get(System.getProperty("karaf.data"), "iocrestart-summary.txt"),
                    "kills " + kills + "\nreturns " + returns + "\n" + summary + "failures " + failures + "\n");
            assertTrue(failures.size() + " failures:\n" + String.join("\n", failures) + "\n" + summary, failures.isEmpty());
        }
    }

    private static void check(String pv, List<OutputRecorder.Event> events, List<Long> kills, List<Long> returns,
                              List<String> failures, StringBuilder summary) {
        // 1. timestamps never go back
        for (int k = 1; k < events.size(); k++) {
            if (events.get(k).timestamp() < events.get(k - 1).timestamp()) {
                failures.add(pv + ": timestamp went back from " + events.get(k - 1) + " to " + events.get(k));
            }
        }
        // 2. every valid value is one the records' stamps allow: 10 Hz on a fixed grid, B 30 ms after A
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (OutputRecorder.Event e : events) {
            if (e.valid()) {
                min = Math.min(min, e.value());
                max = Math.max(max, e.value());
                if (!plausible(pv, e.value())) {
                    failures.add(pv + ": " + e + " is not a value 10 Hz records 30 ms apart can give");
                }
            }
        }
        summary.append(pv).append(": ").append(events.size()).append(" events, valid values ").append(min).append(" .. ")
                .append(max);
        for (int k = 0; k < kills.size(); k++) {
            long kill = kills.get(k);
            long back = returns.get(k + 1);
            // 3. INVALID/COMM within 1 s of the kill, and no valid value until the IOC is back
            OutputRecorder.Event invalid = events.stream().filter(e -> e.arrivalMillis() >= kill && !e.valid())
                    .findFirst().orElse(null);
            if (invalid == null) {
                failures.add(pv + ": no INVALID after the kill at " + kill);
                continue;
            }
            if (invalid.severity() != INVALID || invalid.status() != COMM || invalid.arrivalMillis() - kill > 1_000) {
                failures.add(pv + ": not INVALID/COMM within 1 s of the kill at " + kill + ": " + invalid);
            }
            if (events.stream().anyMatch(e -> e.valid() && e.arrivalMillis() > invalid.arrivalMillis() && e.arrivalMillis() < back)) {
                failures.add(pv + ": a valid value during outage " + k);
            }
            // 4. correct again within 2 s of the IOC's return
            OutputRecorder.Event again = events.stream().filter(e -> e.arrivalMillis() >= back && e.valid())
                    .findFirst().orElse(null);
            if (again == null || again.arrivalMillis() - back > 2_000) {
                failures.add(pv + ": not valid within 2 s of the IOC's return at " + back + ": " + again);
            }
            summary.append("; outage ").append(k).append(": INVALID after ").append(invalid.arrivalMillis() - kill)
                    .append(" ms, valid ").append(again == null ? "never" : (again.arrivalMillis() - back) + " ms")
                    .append(" after the return");
        }
        summary.append('\n');
    }

    /**
     * Bounds a correct sample keeps: an interval is one period (10 Hz), or two if an update were
     * lost (5 Hz); a pair is A and the B 30 ms after it, or a neighbour one period away. A sample
     * across a 10 s outage, or with the boot values stamped 5 and 7 s back, is far outside.
     */
    private static boolean plausible(String pv, double v) {
        if (pv.endsWith("StdFreq")) {
            return v >= 0 && v < 3;
        }
        if (pv.endsWith("Freq")) {
            return v > 4.9 && v < 10.5;
        }
        if (pv.endsWith("StdDiff")) {
            return v >= 0 && v < 0.1;
        }
        return v > -0.131 && v < 0.071;
    }

    /** Lets the scenario run for a while (the IOC processing, or down): the outage is a duration by definition. */
    private static void runFor(long millis) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            TimeUnit.NANOSECONDS.sleep(Math.min(until - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }
}
