package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.pmc.internal.NativeManagementClient;
import org.syncscope.pmc.testing.PtpPair;

/**
 * Issue 18 against real ptp4l: the grandmaster side's link cut, its port goes FAULTY with
 * stepsRemoved 0; ptp:check must neither count it as the Master nor pass, and ptp:timestat refuses.
 * Its own pair: the link stays down.
 */
class RealFaultyHostCheckTest {

    private static final Pattern PORT_STATE = Pattern.compile("portState\\s+(\\S+)");
    private static PtpPair pair;
    private static Path dir;

    @BeforeAll
    static void cutTheGrandmastersLink() throws Exception {
        pair = PtpPair.start();
        dir = Files.createTempDirectory("ptpcheck-faulty");
        String namespace = gmNamespace();
        String link = run("ip", "-n", namespace, "-o", "link", "show", "type", "veth");
        Matcher name = Pattern.compile("^\\d+: ([^:@]+)[@:]").matcher(link);
        assertThat(name.find()).as(link).isTrue();
        run("ip", "-n", namespace, "link", "set", "dev", name.group(1), "down");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String state = "?";
        while (System.nanoTime() < deadline) {
            Matcher m = PORT_STATE.matcher(pair.pmc(pair.grandmasterSocket(), "GET PORT_DATA_SET"));
            state = m.find() ? m.group(1) : "?";
            if (state.equals("FAULTY")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the grandmaster's port is " + state + ", not FAULTY, with its link down; log:\n"
                + pair.log(true));
    }

    /** The pair's grandmaster namespace: this JVM's, named by PtpPair as syncscope-ptp-PID-N-gm. */
    private static String gmNamespace() throws Exception {
        String prefix = "syncscope-ptp-" + ProcessHandle.current().pid() + "-";
        List<String> mine = Arrays.stream(run("ip", "netns", "list").split("\n")).map(l -> l.split(" ")[0])
                .filter(n -> n.startsWith(prefix) && n.endsWith("-gm")).sorted().toList();
        assertThat(mine).as("this JVM's grandmaster namespaces").isNotEmpty();
        return mine.get(mine.size() - 1);   // the newest: this class's pair
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @AfterAll
    static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
        if (dir != null) {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aFaultyHostIsNoMasterAndTheCheckFails() throws Exception {
        List<String> log = ScriptedCamera.newLog();
        ScriptedCamera master = new ScriptedCamera("M1", PtpNode.PTP_ENABLE, List.of(CameraPtpState.MASTER), List.of(), log);
        List<Camera> cams = List.of(master, ScriptedCamera.slave("S1", log));
        try (NativeManagementClient host = new NativeManagementClient(pair.grandmasterSocket(), dir, 0, 1000)) {
            ConvergenceCheck.Result r = new ConvergenceCheck(new ManualTicker()).run(cams, host, 5_000, 500);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new CheckPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), Labels.EN).result(r);
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(r.convergence().masterNames()).as(out).containsExactly("M1");
            assertThat(r.convergence().converged()).as(out).isFalse();
            assertThat(out).contains("Role=Faulty, stepsRemoved=0, ", "❌ PTP sync NOT converged: Host=Faulty",
                    "host not settled: Faulty, its PTP port is faulty, usually because the link is down");
            assertThat(HostView.read(host).notGrandmaster()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("the host is not the PTP grandmaster: role Faulty, "));
        }
    }
}
