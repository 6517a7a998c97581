package org.syncscope.camera.aravis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Aravis's fake GigE Vision cameras (Debian aravis-tools, {@code arv-fake-gv-camera-0.8}) speaking
 * the real protocol on loopback addresses 127.0.0.2–.5: two with the SFNC PTP features, one with
 * the older GigE Vision names and bootstrap timestamp registers, one with the stock description
 * (no PTP). Tests script PTP states and latch values through {@code arv-tool-0.8}, a separate
 * client. {@link #close()} (also at JVM exit) stops them and removes the addresses it added.
 */
public final class FakeGigECameras implements AutoCloseable {

    /** One fake camera: serial, address, description resource (null: the fake's own, without PTP). */
    public record Fake(String serial, String address, String description) {
    }

    public static final List<Fake> CAMERAS = List.of(
            new Fake("ARV-SFNC-1", "127.0.0.2", "ptp-sfnc.xml"),
            new Fake("ARV-SFNC-2", "127.0.0.3", "ptp-sfnc.xml"),
            new Fake("ARV-GEV-3", "127.0.0.4", "ptp-gev.xml"),
            new Fake("ARV-NOPTP-4", "127.0.0.5", null));

    private static final String FAKE = "/usr/bin/arv-fake-gv-camera-0.8";
    private static final String TOOL = "/usr/bin/arv-tool-0.8";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> addedAddresses = new ArrayList<>();
    private final Thread cleanupAtExit = new Thread(this::cleanUp, "fake-gige-cleanup");
    private boolean closed;

    private FakeGigECameras(Path dir) {
        this.dir = dir;
    }

    /** Fails in CI, skips elsewhere, when the fakes cannot run here. */
    public static void requireAravisTools() {
        String missing = null;
        if (!Files.isExecutable(Path.of(FAKE)) || !Files.isExecutable(Path.of(TOOL))) {
            missing = "aravis-tools / aravis-tools-cli are not installed: ./syncscope test installs them";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            missing = "adding loopback addresses needs root (CI runs as root)";
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
    }

    public static FakeGigECameras start() throws Exception {
        requireAravisTools();
        FakeGigECameras fakes = new FakeGigECameras(Files.createTempDirectory("fake-gige"));
        Runtime.getRuntime().addShutdownHook(fakes.cleanupAtExit);
        try {
            fakes.startAll();
        } catch (Throwable e) {
            fakes.close();
            throw e;
        }
        return fakes;
    }

    private void startAll() throws Exception {
        String lo = run("ip", "-o", "addr", "show", "dev", "lo");
        for (Fake f : CAMERAS) {
            if (!lo.contains(" " + f.address() + "/")) {
                run("ip", "addr", "add", f.address() + "/32", "dev", "lo");
                addedAddresses.add(f.address());
            }
            List<String> command = new ArrayList<>(List.of(FAKE, "-i", f.address(), "-s", f.serial()));
            if (f.description() != null) {
                Path xml = dir.resolve(f.serial() + ".xml");
                try (InputStream in = FakeGigECameras.class.getResourceAsStream("/" + f.description())) {
                    Files.write(xml, in.readAllBytes());
                }
                command.addAll(List.of("-g", xml.toString()));
            }
            processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(f.serial() + ".log").toFile()).start());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String listed = run(TOOL);
            if (CAMERAS.stream().allMatch(f -> listed.contains(f.serial()))) {
                return;
            }
            if (System.nanoTime() > deadline || processes.stream().anyMatch(p -> !p.isAlive())) {
                throw new AssertionError("the fake cameras did not all appear; arv-tool-0.8 lists:\n" + listed);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Sets features through arv-tool-0.8 (another GigE Vision client), e.g. {@code PtpStatus=Slave}.
     * The fake ignores writes while another client holds its control channel: call this while the
     * code under test has the camera closed.
     */
    public String control(String serial, String... assignments) throws IOException, InterruptedException {
        Fake f = CAMERAS.stream().filter(c -> c.serial().equals(serial)).findFirst().orElseThrow();
        List<String> command = new ArrayList<>(List.of(TOOL, "-a", f.address(), "control"));
        command.addAll(List.of(assignments));
        return run(command.toArray(new String[0]));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
            } catch (IllegalStateException exiting) {
                // the hook is running
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
        for (String address : addedAddresses) {
            try {
                run("ip", "addr", "del", address + "/32", "dev", "lo");
            } catch (IOException | InterruptedException ignored) {
                // gone already
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
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
