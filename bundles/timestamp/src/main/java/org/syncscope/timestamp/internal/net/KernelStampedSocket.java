package org.syncscope.timestamp.internal.net;

import static org.syncscope.timestamp.internal.net.LinuxLibC.bind;
import static org.syncscope.timestamp.internal.net.LinuxLibC.clock_gettime;
import static org.syncscope.timestamp.internal.net.LinuxLibC.getsockname;
import static org.syncscope.timestamp.internal.net.LinuxLibC.poll;
import static org.syncscope.timestamp.internal.net.LinuxLibC.recvmsg;
import static org.syncscope.timestamp.internal.net.LinuxLibC.sendto;
import static org.syncscope.timestamp.internal.net.LinuxLibC.setsockopt;
import static org.syncscope.timestamp.internal.net.LinuxLibC.socket;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;

/**
 * A UDP socket stamped by the Linux kernel (libc through JNA): Java's {@code DatagramChannel}
 * cannot ask for the kernel's timestamps, which are taken as the datagram passes the network
 * stack, not when a thread gets round to it. With SO_TIMESTAMPING ({@link Kind#KERNEL}) the
 * kernel stamps receive and transmit (the transmit stamp is read from the socket's error queue
 * right after sending); with SO_TIMESTAMPNS only ({@link Kind#KERNEL_RX}) it stamps receive. The
 * stamps are CLOCK_REALTIME; {@link #realtimeNanos()} reads that clock too (clock_gettime), so a
 * caller takes a stamp's age as {@code realtimeNanos() - stamp}.
 *
 * <p>64-bit Linux only (x86-64 constants and LP64 struct layouts). Send, receive and the reads
 * after them allocate nothing: every native buffer is allocated once, here.
 */
final class KernelStampedSocket implements StampedSocket {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BROADCAST = 6;
    private static final int SO_TIMESTAMPNS = 35;
    private static final int SO_TIMESTAMPING = 37;
    private static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    private static final int SCM_TIMESTAMPING = SO_TIMESTAMPING;
    private static final int SOF_TIMESTAMPING_TX_SOFTWARE = 1 << 1;
    private static final int SOF_TIMESTAMPING_RX_SOFTWARE = 1 << 3;
    private static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
    private static final int SOF_TIMESTAMPING_OPT_TSONLY = 1 << 11;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_ERRQUEUE = 0x2000;
    private static final short POLLIN = 1;
    private static final short POLLERR = 8;
    private static final int SHUT_RDWR = 2;
    private static final int CLOCK_REALTIME = 0;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    /** struct msghdr (LP64): name, namelen, iov, iovlen, control, controllen, flags. */
    private static final int MSGHDR_SIZE = 56;
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    /** struct cmsghdr: size_t len, int level, int type, then the data (8-aligned). */
    private static final int CMSG_HEADER = 16;
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int CONTROL_SIZE = 256;
    /** Above the largest UDP payload (65507). */
    private static final int DATA_SIZE = 65536;
    private static final long TX_STAMP_WAIT_NANOS = 5_000_000;
    private static final int POLL_SLICE_MS = 200;
    private static final long PROBE_NANOS = 200_000_000;
    private static final int LOOPBACK = 0x7f000001;

    /** Thrown when the kernel takes neither timestamp option; the message says why. */
    static final class TimestampsRefused extends Exception {
        private static final long serialVersionUID = 1L;

        TimestampsRefused(String reason) {
            super(reason);
        }
    }

    private final int fd;
    private final Kind kind;
    private final String kindReason;
    private final int localPort;
    private volatile boolean closed;
    private boolean fdClosed;

    /** Receive side, guarded by rxLock. */
    private final Object rxLock = new Object();
    private final Memory rxData = new Memory(DATA_SIZE);
    private final Memory rxIov = new Memory(16);
    private final Memory rxName = new Memory(SOCKADDR_IN_SIZE);
    private final Memory rxControl = new Memory(CONTROL_SIZE);
    private final Memory rxMsg = new Memory(MSGHDR_SIZE);
    private final Memory rxPoll = new Memory(8);
    private long receivedAt;
    private int senderIpv4;
    private int senderPort;

    /** Send side and the error queue, guarded by txLock. */
    private final Object txLock = new Object();
    private final Memory txData = new Memory(DATA_SIZE);
    private final Memory txAddress = new Memory(SOCKADDR_IN_SIZE);
    private final Memory txTime = new Memory(16);
    private final Memory errData = new Memory(64);
    private final Memory errIov = new Memory(16);
    private final Memory errName = new Memory(SOCKADDR_IN_SIZE);
    private final Memory errControl = new Memory(CONTROL_SIZE);
    private final Memory errMsg = new Memory(MSGHDR_SIZE);
    private final Memory errPoll = new Memory(8);
    /** A transmit stamp was waited for in vain: it may come later and must not be taken for the next one's. */
    private boolean staleTxStamp;

    private final Object clockLock = new Object();
    private final Memory clockTime = new Memory(16);

    /** Why this host cannot have a kernel-stamped socket, or null; loads JNA and libc. */
    static String unsupported() {
        if (Native.POINTER_SIZE != 8) {
            return "not 64-bit (pointer size " + Native.POINTER_SIZE + ")";
        }
        LinuxLibC.load();
        return null;
    }

    /** bindText names bindIpv4 in messages. */
    static KernelStampedSocket open(String bindText, int bindIpv4, int port) throws IOException, TimestampsRefused {
        int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new SocketException("socket: " + lastError());
        }
        boolean done = false;
        try (Memory value = new Memory(4); Memory address = new Memory(SOCKADDR_IN_SIZE);
                Memory length = new Memory(4)) {
            value.setInt(0, 1);
            if (setsockopt(fd, SOL_SOCKET, SO_BROADCAST, value, 4) < 0) {
                throw new SocketException("SO_BROADCAST: " + lastError());
            }
            Kind kind = Kind.KERNEL;
            String reason = "";
            value.setInt(0, SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE
                    | SOF_TIMESTAMPING_OPT_TSONLY);
            if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, value, 4) < 0) {
                reason = "SO_TIMESTAMPING refused: " + lastError();
                kind = Kind.KERNEL_RX;
                value.setInt(0, 1);
                if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, value, 4) < 0) {
                    throw new TimestampsRefused(reason + "; SO_TIMESTAMPNS refused: " + lastError());
                }
            }
            address.clear();
            writeSockaddr(address, bindIpv4, port);
            if (bind(fd, address, SOCKADDR_IN_SIZE) < 0) {
                throw new BindException("bind " + bindText + ":" + port + ": " + lastError());
            }
            length.setInt(0, SOCKADDR_IN_SIZE);
            if (getsockname(fd, address, length) < 0) {
                throw new SocketException("getsockname: " + lastError());
            }
            KernelStampedSocket socket = new KernelStampedSocket(fd, kind, reason, readPort(address));
            done = true;
            socket.awaitReceiveStamping();
            return socket;
        } finally {
            if (!done) {
                LinuxLibC.close(fd);
            }
        }
    }

    private KernelStampedSocket(int fd, Kind kind, String kindReason, int localPort) {
        this.fd = fd;
        this.kind = kind;
        this.kindReason = kindReason;
        this.localPort = localPort;
        prepare(rxMsg, rxName, rxIov, rxData, rxControl);
        prepare(errMsg, errName, errIov, errData, errControl);
        txAddress.clear();
        rxPoll.setShort(4, POLLIN);
        errPoll.setInt(0, fd);
        errPoll.setShort(4, (short) 0); // POLLERR is reported without asking
    }

    private static void prepare(Memory msg, Memory name, Memory iov, Memory data, Memory control) {
        msg.clear();
        iov.setPointer(0, data);
        iov.setLong(8, data.size());
        msg.setPointer(MSG_NAME, name);
        msg.setPointer(MSG_IOV, iov);
        msg.setLong(MSG_IOVLEN, 1);
        msg.setPointer(MSG_CONTROL, control);
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String kindReason() {
        return kindReason;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public long send(byte[] buf, int len, int ipv4, int port) throws IOException {
        if (len < 0 || len > buf.length || len > DATA_SIZE) {
            throw new IllegalArgumentException("length " + len + " of a " + buf.length + "-byte buffer");
        }
        synchronized (txLock) {
            ensureOpen();
            txData.write(0, buf, 0, len);
            writeSockaddr(txAddress, ipv4, port);
            if (staleTxStamp) {
                drainErrorQueue();
                staleTxStamp = false;
            }
            long before = readClock(txTime);
            while (sendto(fd, txData, len, 0, txAddress, SOCKADDR_IN_SIZE) < 0) {
                int errno = Native.getLastError();
                if (errno != EINTR) {
                    throw new IOException("sendto " + StampedSockets.ipv4Text(ipv4) + ":" + port + ": "
                            + LinuxLibC.strerror(errno));
                }
            }
            if (kind != Kind.KERNEL) {
                return before;
            }
            long sent = awaitTxStamp();
            if (sent == 0) {
                staleTxStamp = true;
                return before;
            }
            return sent;
        }
    }

    /** The transmit stamp from the error queue, waited for up to 5 ms; 0 when it does not come. */
    private long awaitTxStamp() throws IOException {
        long deadline = System.nanoTime() + TX_STAMP_WAIT_NANOS;
        while (!closed) {
            if (readErrorQueue()) {
                long stamp = stampIn(errMsg, errControl);
                if (stamp != 0) {
                    return stamp;
                }
                continue; // something else was queued
            }
            if (System.nanoTime() - deadline >= 0) {
                return 0;
            }
            if (poll(errPoll, 1, 1) < 0 && Native.getLastError() != EINTR) {
                throw new IOException("poll: " + lastError());
            }
        }
        return 0;
    }

    /** One message from the error queue into errMsg; false when it is empty. Under txLock. */
    private boolean readErrorQueue() throws IOException {
        errMsg.setInt(MSG_NAMELEN, SOCKADDR_IN_SIZE);
        errMsg.setLong(MSG_CONTROLLEN, CONTROL_SIZE);
        errMsg.setInt(MSG_FLAGS, 0);
        if (recvmsg(fd, errMsg, MSG_ERRQUEUE | MSG_DONTWAIT) >= 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == EAGAIN || errno == EINTR) {
            return false;
        }
        throw new IOException("recvmsg (error queue): " + LinuxLibC.strerror(errno));
    }

    /** Drops what the error queue holds: transmit stamps nobody waits for. Under txLock. */
    private void drainErrorQueue() throws IOException {
        while (readErrorQueue()) {
            // dropped
        }
    }

    @Override
    public int receive(byte[] buf, int timeoutMillis) throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout " + timeoutMillis);
        }
        synchronized (rxLock) {
            ensureOpen();
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                long left = deadline - System.nanoTime();
                int revents = pollIn(fd, left <= 0 ? 0 : (int) Math.min(POLL_SLICE_MS, (left + 999_999) / 1_000_000));
                ensureOpen();
                if ((revents & POLLIN) != 0) {
                    int length = readDatagram(fd, buf);
                    if (length >= 0) {
                        return length;
                    }
                } else if ((revents & POLLERR) != 0) {
                    // A transmit stamp nobody took (a sender waits for its own under txLock).
                    synchronized (txLock) {
                        if (!closed) {
                            drainErrorQueue();
                        }
                    }
                }
                if (left <= 0) {
                    return -1;
                }
            }
        }
    }

    /** Whether a datagram waits (within timeoutMs), without taking it. */
    boolean readable(int timeoutMs) throws IOException {
        synchronized (rxLock) {
            ensureOpen();
            return (pollIn(fd, timeoutMs) & POLLIN) != 0;
        }
    }

    /** poll for POLLIN; the revents, 0 on timeout or interrupt. Under rxLock. */
    private int pollIn(int socket, int timeoutMs) throws IOException {
        rxPoll.setInt(0, socket);
        rxPoll.setShort(6, (short) 0);
        int n = poll(rxPoll, 1, timeoutMs);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == EINTR) {
                return 0;
            }
            throw new IOException("poll: " + LinuxLibC.strerror(errno));
        }
        return n == 0 ? 0 : rxPoll.getShort(6);
    }

    /** One datagram into buf, its stamp and sender; -1 when there was none after all. Under rxLock. */
    private int readDatagram(int socket, byte[] buf) throws IOException {
        rxIov.setLong(8, Math.min(buf.length, DATA_SIZE));
        rxMsg.setInt(MSG_NAMELEN, SOCKADDR_IN_SIZE);
        rxMsg.setLong(MSG_CONTROLLEN, CONTROL_SIZE);
        rxMsg.setInt(MSG_FLAGS, 0);
        long n = recvmsg(socket, rxMsg, MSG_DONTWAIT);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == EAGAIN || errno == EINTR) {
                return -1;
            }
            throw new IOException("recvmsg: " + LinuxLibC.strerror(errno));
        }
        long stamp = stampIn(rxMsg, rxControl);
        receivedAt = stamp != 0 ? stamp : realtimeNanos();
        int length = (int) n;
        rxData.read(0, buf, 0, length);
        senderPort = readPort(rxName);
        senderIpv4 = (rxName.getByte(4) & 0xff) << 24 | (rxName.getByte(5) & 0xff) << 16
                | (rxName.getByte(6) & 0xff) << 8 | rxName.getByte(7) & 0xff;
        return length;
    }

    /**
     * Returns once the kernel stamps datagrams as they arrive, at most 200 ms after opening. The
     * first socket on a host to ask for receive stamps turns them on a moment later (Linux defers
     * the switch to a work queue), and a datagram that arrives before that is stamped when it is
     * read, as if it had just come. A loopback probe socket sends itself datagrams until one comes
     * stamped before it was read; the switch then stays on while this socket is open.
     */
    private void awaitReceiveStamping() {
        int probe = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (probe < 0) {
            return;
        }
        try (Memory option = new Memory(4); Memory address = new Memory(SOCKADDR_IN_SIZE);
                Memory length = new Memory(4)) {
            option.setInt(0, 1);
            address.clear();
            writeSockaddr(address, LOOPBACK, 0);
            length.setInt(0, SOCKADDR_IN_SIZE);
            if (setsockopt(probe, SOL_SOCKET, SO_TIMESTAMPNS, option, 4) < 0
                    || bind(probe, address, SOCKADDR_IN_SIZE) < 0 || getsockname(probe, address, length) < 0) {
                return;
            }
            byte[] scratch = new byte[1];
            long deadline = System.nanoTime() + PROBE_NANOS;
            synchronized (rxLock) {
                while (System.nanoTime() - deadline < 0
                        && sendto(probe, option, 1, 0, address, SOCKADDR_IN_SIZE) >= 0) {
                    if ((pollIn(probe, 10) & POLLIN) != 0) {
                        long seen = realtimeNanos();
                        if (readDatagram(probe, scratch) >= 0 && receivedAt < seen) {
                            break;
                        }
                        pollIn(probe, 1); // a moment for the switch
                    }
                }
                receivedAt = 0;
                senderIpv4 = 0;
                senderPort = 0;
            }
        } catch (IOException e) {
            // no probe: the first datagrams may be stamped when read
        } finally {
            LinuxLibC.close(probe);
        }
    }

    /**
     * The software stamp among the control messages recvmsg left: SCM_TIMESTAMPING's first
     * timespec or SCM_TIMESTAMPNS's; 0 when there is none.
     */
    private static long stampIn(Memory msg, Memory control) {
        long used = Math.min(msg.getLong(MSG_CONTROLLEN), CONTROL_SIZE);
        long offset = 0;
        while (offset + CMSG_HEADER <= used) {
            long length = control.getLong(offset);
            if (length < CMSG_HEADER || offset + length > used) {
                break;
            }
            int type = control.getInt(offset + 12);
            if (control.getInt(offset + 8) == SOL_SOCKET && (type == SCM_TIMESTAMPING || type == SCM_TIMESTAMPNS)
                    && length >= CMSG_HEADER + 16) {
                long nanos = control.getLong(offset + CMSG_HEADER) * 1_000_000_000L
                        + control.getLong(offset + CMSG_HEADER + 8);
                if (nanos != 0) {
                    return nanos;
                }
            }
            offset += (length + 7) & ~7L;
        }
        return 0;
    }

    @Override
    public long receivedAt() {
        return receivedAt;
    }

    @Override
    public int senderIpv4() {
        return senderIpv4;
    }

    @Override
    public int senderPort() {
        return senderPort;
    }

    @Override
    public long realtimeNanos() {
        synchronized (clockLock) {
            return readClock(clockTime);
        }
    }

    private static long readClock(Memory timespec) {
        clock_gettime(CLOCK_REALTIME, timespec);
        return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8);
    }

    /**
     * Wakes a waiting receive at once (shutdown makes poll return, even on an unconnected UDP
     * socket), then closes the descriptor when neither side uses it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LinuxLibC.shutdown(fd, SHUT_RDWR);
        synchronized (rxLock) {
            synchronized (txLock) {
                if (!fdClosed) {
                    fdClosed = true;
                    LinuxLibC.close(fd);
                }
            }
        }
    }

    private void ensureOpen() throws SocketException {
        if (closed) {
            throw new SocketException("socket closed");
        }
    }

    /** sockaddr_in: family (native order), then port and address in network order, 8 zero bytes. */
    private static void writeSockaddr(Memory address, int ipv4, int port) {
        address.setShort(0, (short) AF_INET);
        address.setByte(2, (byte) (port >>> 8));
        address.setByte(3, (byte) port);
        address.setByte(4, (byte) (ipv4 >>> 24));
        address.setByte(5, (byte) (ipv4 >>> 16));
        address.setByte(6, (byte) (ipv4 >>> 8));
        address.setByte(7, (byte) ipv4);
    }

    private static int readPort(Memory address) {
        return (address.getByte(2) & 0xff) << 8 | address.getByte(3) & 0xff;
    }

    private static String lastError() {
        return LinuxLibC.strerror(Native.getLastError());
    }
}
