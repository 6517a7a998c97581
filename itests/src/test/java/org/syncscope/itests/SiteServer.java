package org.syncscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;

/**
 * The server as {@code ./syncscope start server} runs it, from a scratch project root holding only
 * the real script: the binaries come from a given zip ({@code SYNCSCOPE_ZIP}, so no Maven runs
 * inside the test), the site lives in {@code root/site}. The console is reached over SSH.
 */
final class SiteServer {

    final Path root;
    final Path site;
    private final int sshPort;
    private Process process;
    private int starts;

    SiteServer(Path root, int sshPort) throws IOException {
        this.root = root;
        this.site = root.resolve("site");
        this.sshPort = sshPort;
        Path script = Paths.get("..", "syncscope").toAbsolutePath().normalize();
        Files.createDirectories(root);
        Files.copy(script, root.resolve("syncscope"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(root.resolve("syncscope"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Runs the script on {@code zip} and waits until {@code user} can use the console with the
     * demo site's features installed; returns what the script printed before Karaf took over.
     */
    String start(Path zip, String user, String password) throws Exception {
        stop(); // a step that failed half-way leaves its server running
        Path out = root.resolve("start-" + (++starts) + ".out");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("syncscope").toString(), "start", "server")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("SYNCSCOPE_ZIP", zip.toString());
        builder.environment().put("SYNCSCOPE_SITE", site.toString());
        process = builder.start();
        await("the console's SSH port " + sshPort).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> !process.isAlive() || !ListeningSockets.addressesListeningOn(sshPort).isEmpty());
        assertThat(process.isAlive()).as("the server runs (see %s)", out).isTrue();
        await("the demo site's features").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> console(user, password, "feature:list -i").contains("syncscope-api"));
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("syncscope: "))
                .collect(Collectors.joining("\n"));
    }

    /** Stops the server as a service manager would (SIGTERM) and waits until the script has exited. */
    void stop() throws Exception {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .collect(Collectors.toList());
        all.forEach(ProcessHandle::destroy);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            all.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }
        // Karaf's JVM, not only the script, must be gone before the site is touched offline.
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        process = null;
    }

    String console(String user, String password, String command) throws IOException {
        try (SshClient client = SshLogin.client(); ClientSession session = SshLogin.login(client, sshPort, user, password)) {
            return session.executeRemoteCommand(command);
        }
    }

    boolean canLogIn(String user, String password) {
        try (SshClient client = SshLogin.client(); ClientSession session = SshLogin.login(client, sshPort, user, password)) {
            return session.isAuthenticated();
        } catch (IOException refused) {
            return false;
        }
    }


}
