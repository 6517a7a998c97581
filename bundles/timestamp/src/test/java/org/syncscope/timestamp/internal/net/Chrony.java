package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.syncscope.timestamp.internal.NanoClock;

/**
 * chronyd (Debian chrony) as an NTP server on a loopback high port, with -x so it never touches
 * the system clock. Missing chrony: skipped locally, a failure in CI.
 */
final class Chrony implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Path conf;
    private Process process;

    Chrony(int port) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/sbin/chronyd"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("chronyd is missing: ./syncscope test installs it (apt-get install chrony)");
            }
            Assumptions.abort("chrony is not installed (./syncscope test installs it)");
        }
        this.port = port;
        this.dir = Files.createTempDirectory("chrony");
        this.conf = dir.resolve("chrony.conf");
        Files.writeString(conf, String.join("\n",
                "port " + port, "bindaddress 127.0.0.1", "allow 127.0.0.1", "local stratum 8",
                "cmdport " + (port + 1), "bindcmdaddress 127.0.0.1", "bindcmdaddress /", "cmdallow 127.0.0.1",
                "pidfile " + dir.resolve("chronyd.pid"), "driftfile " + dir.resolve("drift"), "logdir " + dir, ""));
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Of nine exchanges with this chronyd, the one with the shortest round trip, as NTP prefers. */
    SntpClient.Sample shortestOfNine(SntpClient client) throws Exception {
        SntpClient.Sample best = null;
        for (int i = 0; i < 9; i++) {
            SntpClient.Sample s = client.query(address());
            if (best == null || s.delayNanos() < best.delayNanos()) {
                best = s;
            }
        }
        return best;
    }

    /** Starts chronyd and waits (bounded) until it answers. */
    void start() throws Exception {
        process = new ProcessBuilder("/usr/sbin/chronyd", "-x", "-d", "-u", "root", "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out").toFile()))
                .start();
        SntpClient probe = new SntpClient(NanoClock.SYSTEM, Duration.ofMillis(200));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                probe.query(address());
                return;
            } catch (IOException | MalformedPacketException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("chronyd did not answer: " + Files.readString(dir.resolve("out")));
                }
                Thread.sleep(100);
            }
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
