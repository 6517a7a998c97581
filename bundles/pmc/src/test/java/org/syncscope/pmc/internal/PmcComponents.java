package org.syncscope.pmc.internal;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.syncscope.testing.Configs;

/** For tests of other bundles: a pmc adapter as SCR builds it from the shipped file, and its end. */
public final class PmcComponents {

    private PmcComponents() {
    }

    /** Native mode on {@code socket}, its reply sockets in {@code dir}, no PVs; {@code more}: key, value, … */
    public static PmcComponent nativeOn(Path socket, Path dir, String... more) {
        Map<String, Object> p = Configs.fromFile("org.syncscope.pmc.cfg", "socket", socket.toString(),
                "clientDirectory", dir.toString(), "mode", "native");
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return new PmcComponent(Configs.of(PmcConfig.class, p), p);
    }

    /** As SCR ends it; then waits until its reply sockets in {@code dir} are removed (the close runs behind). */
    public static void deactivate(PmcComponent c, Path dir) {
        c.deactivate();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.noneMatch(f -> f.getFileName().toString().startsWith("syncscope-pmc."));
            }
        });
    }
}
