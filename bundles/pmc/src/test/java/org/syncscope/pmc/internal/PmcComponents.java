package org.syncscope.pmc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.syncscope.testing.Configs;

/**
 * A pmc adapter as SCR builds it from the shipped file, and its end: what {@link
 * org.syncscope.pmc.testing.PmcAdapters} offers other modules (it needs this package's config type).
 */
public final class PmcComponents {

    private PmcComponents() {
    }

    /** Native mode (unless {@code more} sets another) on {@code socket}, reply sockets in {@code dir}, no PVs; {@code more}: key, value, … */
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
        long deadline = System.nanoTime() + 10_000_000_000L;
        try {
            while (hasClientSocket(dir)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the pmc adapter's reply socket is still in " + dir + " 10 s after deactivation");
                }
                Thread.sleep(20);   // polled with a deadline: the close runs on the adapter's thread
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean hasClientSocket(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("syncscope-pmc."));
        }
    }
}
