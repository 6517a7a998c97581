package org.syncscope.pmc.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The few libc calls a Unix datagram socket needs. Java's own Unix-domain channels are stream-only
 * (JEP 380), and ptp4l's management port is SOCK_DGRAM, hence JNA. size_t/ssize_t are C longs on
 * Linux (LP64 and ILP32 alike), so {@link NativeLong} fits both.
 */
interface LibC extends Library {

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    short POLLIN = 0x1;
    /** Linux's value: return EAGAIN instead of blocking. */
    int MSG_DONTWAIT = 0x40;

    int EINTR = 4;
    /** Also EWOULDBLOCK on Linux. */
    int EAGAIN = 11;
    int ENOENT = 2;
    int EACCES = 13;
    int EPERM = 1;
    int ECONNREFUSED = 111;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int addressLength) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    NativeLong recvfrom(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int[] addressLength)
            throws LastErrorException;

    /** {@code fds} holds struct pollfd entries: int fd, short events, short revents (native byte order). */
    int poll(byte[] fds, NativeLong count, int timeoutMs) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int lchown(String path, int owner, int group) throws LastErrorException;

    String strerror(int errno);

    /** Loaded on first use, so a bundle without JNA's native part fails only when a socket is opened. */
    final class Holder {
        static final LibC C = Native.load("c", LibC.class);

        private Holder() {
        }
    }
}
