package org.syncscope.ptpcheck.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.camera.sim.testing.SimCameras;
import org.syncscope.ptpcheck.testing.PtpChecks;

/** ptp:check itself, over the simulated cameras: what it prints and the exit status it returns. */
class CheckCommandTest {

    private PtpChecks.Running running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private record Run(Object result, String output) {
    }

    /** {@code options}: field name, value, … as the shell sets the {@code @Option} fields. */
    private Run check(CameraDriver driver, HostPtpRole role, Object... options) throws Exception {
        running = PtpChecks.of(driver, PtpChecks.host(role));
        CheckCommand command = new CheckCommand(running.check());
        for (int i = 0; i < options.length; i += 2) {
            Field f = CheckCommand.class.getDeclaredField((String) options[i]);
            f.setAccessible(true);
            f.set(command, options[i + 1]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Object result = command.execute();
            return new Run(result, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }

    @Test
    void aGrandmasterHostWithLockedCamerasConverges() throws Exception {
        Run r = check(SimCameras.driver(Map.of("convergenceSeconds", 0.0), System::nanoTime), HostPtpRole.GRANDMASTER);
        assertThat(r.output()).contains("=== Cameras ===", "[0] ", "Waiting for PTP convergence (max 30 s)...",
                "=== Host PTP status ===", "Role=Grandmaster", "=== Camera PTP status ===", "PTP=Enabled, Status=Slave",
                "✅ PTP sync OK: Host=Grandmaster, Cameras=Slave");
        assertThat(r.output().indexOf("=== Cameras ===")).as("cameras listed before the verdict")
                .isLessThan(r.output().indexOf("=== Verdict ==="));
        assertThat(r.result()).isEqualTo(0);
    }

    @Test
    void aListeningHostIsNotConvergedAndSaysWhyInJapanese() throws Exception {
        Run r = check(SimCameras.driver(Map.of("convergenceSeconds", 0.0), System::nanoTime), HostPtpRole.LISTENING,
                "lang", "ja", "timeoutSeconds", 1);
        assertThat(r.output()).contains("=== 接続カメラ一覧 ===", "PTP 収束待ち中…（最大 1 秒）", "❌ PTP同期 NG: Ubuntu=Listening", "Ubuntu 側が未収束: Listening");
        assertThat(r.result()).isEqualTo(2);
    }
}
