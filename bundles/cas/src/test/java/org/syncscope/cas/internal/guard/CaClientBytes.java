package org.syncscope.cas.internal.guard;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw TCP Channel Access client for tests: sends bytes, reads replies. */
final class CaClientBytes implements AutoCloseable {

    final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    CaClientBytes(int port) throws IOException {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] handshake() {
        return CaMessages.concat(CaMessages.version(), named(20, "fuzz", 0, 0), named(21, "localhost", 0, 0));
    }

    /** A message whose payload is {@code text}, NUL-terminated and padded to 8 bytes. */
    static byte[] named(int command, String text, int p1, int p2) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        int size = (t.length + 1 + 7) / 8 * 8;
        byte[] m = CaMessages.message(command, size, 0, 0, p1, p2);
        System.arraycopy(t, 0, m, 16, t.length);
        return m;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Handshake, then creates a channel to {@code pv}; returns the server's channel id (-1 if refused). */
    int connect(String pv) throws IOException {
        send(CaMessages.concat(handshake(), named(18, pv, 1, 13)));
        while (true) {
            int[] h = header();
            if (h[0] == 18) {
                return h[5];
            }
            if (h[0] == 26) {
                return -1;
            }
        }
    }

    /** The next reply's header: command, payload size, type, count, p1, p2 (its payload skipped). */
    int[] header() throws IOException {
        int command = in.readUnsignedShort();
        int size = in.readUnsignedShort();
        int type = in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int p1 = in.readInt();
        int p2 = in.readInt();
        if (size == 0xFFFF) {
            size = in.readInt();
            count = in.readInt();
        }
        in.skipNBytes(size);
        return new int[] {command, size, type, count, p1, p2};
    }

    /** Reads until the server closes (true) or {@code millis} pass without it (false). */
    boolean closedByServer(int millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        byte[] sink = new byte[4096];
        InputStream s = socket.getInputStream();
        try {
            long left;
            while ((left = (deadline - System.nanoTime()) / 1_000_000L) > 0) {
                socket.setSoTimeout((int) left);
                if (s.read(sink) < 0) {
                    return true;
                }
                // replies to what was valid, monitor updates
            }
            return false;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
