package org.syncscope.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Listening TCP sockets as the Linux kernel reports them ({@code /proc/net/tcp} and {@code tcp6}),
 * so checks hold whatever a configuration file claims.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    /** One listening socket: local address as text ("127.0.0.1", "::", …), port, socket inode. */
    record Listener(String address, int port, long inode) {
        boolean loopback() {
            return address.startsWith("127.") || address.equals("::1");
        }
    }

    private ListeningSockets() {
    }

    /** Every listening socket on this host (this network namespace). */
    static List<Listener> all() throws IOException {
        List<Listener> found = new ArrayList<>();
        collect(Paths.get("/proc/net/tcp"), found);
        collect(Paths.get("/proc/net/tcp6"), found);
        return found;
    }

    /** Local addresses with a socket listening on {@code port}. */
    static List<String> addressesListeningOn(int port) throws IOException {
        return all().stream().filter(l -> l.port() == port).map(Listener::address).collect(Collectors.toList());
    }

    /** The listening sockets that the given processes hold open. */
    static List<Listener> ofProcesses(Set<Long> pids) throws IOException {
        Set<Long> inodes = new HashSet<>();
        for (long pid : pids) {
            Path fds = Paths.get("/proc", Long.toString(pid), "fd");
            if (!Files.isDirectory(fds)) {
                continue;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(fds)) {
                for (Path fd : stream) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                        }
                    } catch (IOException closedMeanwhile) {
                        // the descriptor went away while we listed: not a listener then
                    }
                }
            }
        }
        return all().stream().filter(l -> inodes.contains(l.inode())).collect(Collectors.toList());
    }

    private static void collect(Path table, List<Listener> found) throws IOException {
        if (!Files.exists(table)) {
            return;
        }
        for (String line : Files.readAllLines(table)) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            if (f.length < 10 || !f[3].equals(LISTEN) || !f[1].contains(":")) {
                continue;
            }
            String[] local = f[1].split(":");
            found.add(new Listener(decode(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(f[9])));
        }
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) order. */
    static String decode(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + i) * 2;
                bytes[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            // Java prints IPv4-mapped IPv6 addresses as plain IPv4; shorten the two zero forms.
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            return text.equals("0:0:0:0:0:0:0:1") ? "::1" : text.equals("0:0:0:0:0:0:0:0") ? "::" : text;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address in socket table: " + hex, e);
        }
    }
}
