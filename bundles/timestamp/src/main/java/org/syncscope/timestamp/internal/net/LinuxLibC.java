package org.syncscope.timestamp.internal.net;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls of {@link KernelStampedSocket}, through JNA's direct mapping (static natives:
 * no proxy, no argument conversion, nothing allocated per call). 64-bit Linux only: size_t,
 * ssize_t and nfds_t are Java longs. A call that fails returns -1 and leaves errno in
 * {@link Native#getLastError()}.
 */
final class LinuxLibC {

    static {
        Native.register(LinuxLibC.class, "c");
    }

    private LinuxLibC() {
    }

    /** Makes the class load (and libc link) now. */
    static void load() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    static native int bind(int fd, Pointer address, int length);

    /** length: a socklen_t in and out. */
    static native int getsockname(int fd, Pointer address, Pointer length);

    static native long sendto(int fd, Pointer buffer, long length, int flags, Pointer address, int addressLength);

    static native long recvmsg(int fd, Pointer message, int flags);

    static native int poll(Pointer fds, long count, int timeoutMs);

    static native int clock_gettime(int clock, Pointer timespec);

    static native int shutdown(int fd, int how);

    static native int close(int fd);

    static native String strerror(int errno);
}
