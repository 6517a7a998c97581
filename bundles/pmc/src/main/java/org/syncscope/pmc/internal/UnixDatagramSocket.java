package org.syncscope.pmc.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An AF_UNIX SOCK_DGRAM socket bound to its own file path, which it removes on close. Not thread
 * safe: one caller at a time (the management client holds a lock around each exchange).
 */
final class UnixDatagramSocket implements AutoCloseable {

    /** sun_path is 108 bytes including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final LibC c = LibC.Holder.C;
    private final Path path;
    private int fd;

    /** A datagram and the path of the socket that sent it (empty for an unbound sender). */
    record Datagram(byte[] data, String sender) {
    }

    private UnixDatagramSocket(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * A socket bound to {@code path}; a stale socket file left there by a crashed process is
     * removed first, as pmc does.
     *
     * @throws IOException naming the path and the cause (permission denied, path too long, …)
     */
    static UnixDatagramSocket bind(Path path) throws IOException {
        byte[] address = address(path);
        Files.deleteIfExists(path);
        int fd;
        try {
            fd = LibC.Holder.C.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot create a Unix datagram socket: " + reason(e), e);
        }
        try {
            LibC.Holder.C.bind(fd, address, address.length);
        } catch (LastErrorException e) {
            LibC.Holder.C.close(fd);
            throw new IOException("cannot bind the client socket " + path + ": " + reason(e), e);
        }
        return new UnixDatagramSocket(path, fd);
    }

    Path path() {
        return path;
    }

    /**
     * Gives the socket file to {@code uid}/{@code gid}, as pmc does, so that a ptp4l running as
     * another user may send its replies here.
     */
    void chown(int uid, int gid) throws IOException {
        try {
            c.lchown(path.toString(), uid, gid);
        } catch (LastErrorException e) {
            throw new IOException("cannot give " + path + " to uid " + uid + ": " + reason(e), e);
        }
    }

    /** Sends one datagram to the socket at {@code destination}; throws with errno's meaning. */
    void send(Path destination, byte[] data) throws LastErrorException, IOException {
        byte[] address = address(destination);
        while (true) {
            try {
                c.sendto(fd(), data, new NativeLong(data.length), 0, address, address.length);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw e;
                }
            }
        }
    }

    /**
     * The next datagram, or null when none arrived within {@code timeoutMs}. Datagrams longer than
     * {@code maxLength} are cut (and then fail to parse, which is the right outcome).
     */
    Datagram receive(int maxLength, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        byte[] pollFd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putInt(fd()).putShort(LibC.POLLIN).putShort((short) 0).array();
        while (true) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int ready;
            try {
                ready = c.poll(pollFd, new NativeLong(1), (int) Math.min(Integer.MAX_VALUE, left));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                throw new IOException("poll on " + path + " failed: " + reason(e), e);
            }
            if (ready == 0) {
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
                continue;
            }
            byte[] buffer = new byte[maxLength];
            byte[] from = new byte[110];
            int[] fromLength = {from.length};
            long n;
            try {
                n = c.recvfrom(fd(), buffer, new NativeLong(buffer.length), 0, from, fromLength).longValue();
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                throw new IOException("receive on " + path + " failed: " + reason(e), e);
            }
            return new Datagram(Arrays.copyOf(buffer, (int) n), senderPath(from, fromLength[0]));
        }
    }

    /**
     * Sends one datagram unless the receiver's queue is full (a ptp4l that does not read): then
     * returns false at once instead of waiting, as a blocking send would, for as long as it takes.
     */
    boolean sendWithoutWaiting(Path destination, byte[] data) throws LastErrorException, IOException {
        byte[] address = address(destination);
        while (true) {
            try {
                c.sendto(fd(), data, new NativeLong(data.length), LibC.MSG_DONTWAIT, address, address.length);
                return true;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EAGAIN) {
                    return false;
                }
                if (e.getErrorCode() != LibC.EINTR) {
                    throw e;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            c.close(fd);
            fd = -1;
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the socket is closed; a leftover file is removed by the next bind on this path
            }
        }
    }

    private synchronized int fd() throws IOException {
        if (fd < 0) {
            throw new IOException("socket " + path + " is closed");
        }
        return fd;
    }

    /** struct sockaddr_un: sa_family (native short) + NUL-terminated path. */
    static byte[] address(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_PATH_BYTES) {
            throw new IOException("Unix socket path " + path + " is " + name.length + " bytes; it must be 1.."
                    + MAX_PATH_BYTES);
        }
        ByteBuffer b = ByteBuffer.allocate(2 + name.length + 1).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_UNIX).put(name).put((byte) 0);
        return b.array();
    }

    private static String senderPath(byte[] address, int length) {
        int end = 2;
        while (end < Math.min(length, address.length) && address[end] != 0) {
            end++;
        }
        return new String(address, 2, Math.max(0, end - 2), StandardCharsets.UTF_8);
    }

    static String reason(LastErrorException e) {
        String text = LibC.Holder.C.strerror(e.getErrorCode());
        return (text == null ? "errno " + e.getErrorCode() : text) + " (errno " + e.getErrorCode() + ")";
    }
}
