package org.syncscope.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Local addresses of listening TCP sockets, read from Linux's {@code /proc/net/tcp} and {@code tcp6}. */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Every local address with a socket in LISTEN state on {@code port}, as text ("127.0.0.1", "::", …). */
    static List<String> addressesListeningOn(int port) throws IOException {
        List<String> found = new ArrayList<>();
        collect(Paths.get("/proc/net/tcp"), port, found);
        collect(Paths.get("/proc/net/tcp6"), port, found);
        return found;
    }

    private static void collect(Path table, int port, List<String> found) throws IOException {
        if (!Files.exists(table)) {
            return;
        }
        for (String line : Files.readAllLines(table)) {
            String[] f = line.trim().split("\\s+");
            // columns: sl local_address rem_address st ...; local_address is HEXADDR:HEXPORT
            if (f.length < 4 || !f[3].equals(LISTEN) || !f[1].contains(":")) {
                continue;
            }
            String[] local = f[1].split(":");
            if (Integer.parseInt(local[1], 16) == port) {
                found.add(decode(local[0]));
            }
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
            String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
            // Java prints IPv4-mapped IPv6 addresses as plain IPv4; normalise the zero forms.
            return text.equals("0:0:0:0:0:0:0:1") ? "::1" : text.equals("0:0:0:0:0:0:0:0") ? "::" : text;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("bad address in socket table: " + hex, e);
        }
    }
}
