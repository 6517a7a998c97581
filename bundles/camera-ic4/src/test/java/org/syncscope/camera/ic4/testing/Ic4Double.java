package org.syncscope.camera.ic4.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The IC4 test double (src/test/c/ic4_double.c): compiled with gcc into {@code DIR/libic4core.so}
 * and scripted through {@code DIR/ic4-double-cameras.txt}, which it reads again at every device
 * list update and device open. Lines: {@code SERIAL|MODEL|INTERFACE|sfnc|gev|none|STATUS|LATCH|FLAGS}.
 */
public final class Ic4Double {

    private final Path dir;

    private Ic4Double(Path dir) {
        this.dir = dir;
    }

    /** Compiles the double into {@code dir} (gcc missing: a failure in CI, skipped elsewhere). */
    public static Ic4Double build(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/gcc"))) {
            String why = "gcc is not installed: ./syncscope test installs it";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        Files.createDirectories(dir);
        Path source = dir.resolve("ic4_double.c");
        try (InputStream in = Ic4Double.class.getResourceAsStream("/ic4_double.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path library = dir.resolve("libic4core.so");
        Process gcc = new ProcessBuilder("/usr/bin/gcc", "-shared", "-fPIC", "-Wall", "-Wextra", "-Werror", "-O2",
                "-o", library.toString(), source.toString(), "-lpthread", "-ldl").redirectErrorStream(true).start();
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed on the IC4 double: "
                    + new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        Ic4Double d = new Ic4Double(dir);
        d.script(List.of());
        return d;
    }

    public Path library() {
        return dir.resolve("libic4core.so");
    }

    public Path scriptFile() {
        return dir.resolve("ic4-double-cameras.txt");
    }

    public void script(List<String> cameras) throws IOException {
        Files.writeString(scriptFile(), String.join("\n", cameras) + "\n", StandardCharsets.UTF_8);
    }
}
