package org.syncscope.pmc.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The adapter's configuration, checked: each bad value is named with what is allowed. */
record PmcSettings(String mode, Path socket, int timeoutMs, int domainNumber, String pmcCommand,
                   Path clientDirectory, int publishPeriodSeconds, String pvPrefix) {

    static final String DEFAULT_PMC = "/usr/sbin/pmc";
    static final Path DEFAULT_SOCKET = Path.of("/var/run/ptp4l");
    /** linuxptp 4.0+: GET-only socket anyone may use (mode 0666). */
    static final Path READ_ONLY_SOCKET = Path.of("/var/run/ptp4lro");
    static final String NATIVE = "native";
    static final String COMMAND = "command";

    static PmcSettings of(PmcConfig c) {
        String mode = c.mode().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals(NATIVE) && !mode.equals(COMMAND)) {
            throw new IllegalArgumentException("mode '" + c.mode() + "' is neither native nor command");
        }
        String socket = c.socket().trim();
        if (socket.isEmpty() || !socket.startsWith("/")) {
            throw new IllegalArgumentException("socket '" + c.socket() + "' is not an absolute path");
        }
        if (c.timeoutMs() < 10 || c.timeoutMs() > 60_000) {
            throw new IllegalArgumentException("timeoutMs " + c.timeoutMs() + " is outside 10..60000");
        }
        if (c.domainNumber() < 0 || c.domainNumber() > 255) {
            throw new IllegalArgumentException("domainNumber " + c.domainNumber() + " is outside 0..255");
        }
        if (c.pmcCommand().isBlank()) {
            throw new IllegalArgumentException("pmcCommand is empty");
        }
        if (c.publishPeriodSeconds() < 0 || c.publishPeriodSeconds() > 86_400) {
            throw new IllegalArgumentException("publishPeriodSeconds " + c.publishPeriodSeconds()
                    + " is outside 0..86400");
        }
        String prefix = c.pvPrefix().trim();
        return new PmcSettings(mode, effectiveSocket(Path.of(socket), READ_ONLY_SOCKET), c.timeoutMs(), c.domainNumber(), c.pmcCommand().trim(),
                clientDirectory(c.clientDirectory()), c.publishPeriodSeconds(), prefix);
    }

    /**
     * The default socket is replaced by linuxptp 4's read-only one when that exists: every request
     * here is a GET, and the read-only socket needs no permission. A socket set explicitly is used
     * as it is.
     */
    static Path effectiveSocket(Path configured, Path readOnly) {
        return configured.equals(DEFAULT_SOCKET) && java.nio.file.Files.exists(readOnly) ? readOnly : configured;
    }

    private static Path clientDirectory(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured.trim());
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException("clientDirectory '" + configured + "' is not an absolute path");
            }
            return dir;
        }
        Path run = Path.of("/var/run");
        return Files.isDirectory(run) && Files.isWritable(run) ? run : Path.of(System.getProperty("java.io.tmpdir"));
    }

    ManagementClient newClient() {
        return mode.equals(NATIVE)
                ? new NativeManagementClient(socket, clientDirectory, domainNumber, timeoutMs)
                : new CommandManagementClient(pmcCommand, socket, domainNumber, timeoutMs);
    }
}
