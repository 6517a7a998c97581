package org.syncscope.cas.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs pyepics (Debian python3-pyepics, the EPICS C client library) against a server on this
 * machine. Without pyepics a test is skipped locally but fails in CI ({@code CI=true}).
 */
public final class PyEpics {

    private static final String PYTHON = "/usr/bin/python3";   // the Debian interpreter has the module

    private final int port;
    private final Path script;

    public PyEpics(int port) throws IOException {
        this.port = port;
        requireInstalled();
        script = Files.createTempFile("pyepics_probe", ".py");
        try (InputStream in = PyEpics.class.getResourceAsStream("/pyepics_probe.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        script.toFile().deleteOnExit();
    }

    public static void requireInstalled() {
        boolean present;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import epics").redirectErrorStream(true).start();
            present = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("python3-pyepics is missing: ./syncscope test installs it (apt-get install python3-pyepics)");
            }
            Assumptions.abort("python3-pyepics is not installed (./syncscope test installs it)");
        }
    }

    /** Runs the probe and returns its key=value lines; fails the test if it does not finish in time. */
    public Map<String, String> run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("EPICS_CA_ADDR_LIST", "127.0.0.1:" + port);
        pb.environment().put("EPICS_CA_AUTO_ADDR_LIST", "NO");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pyepics " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
        }
        Map<String, String> result = new HashMap<>();
        String text = new String(out, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                result.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        result.put("_output", text);
        return result;
    }
}
