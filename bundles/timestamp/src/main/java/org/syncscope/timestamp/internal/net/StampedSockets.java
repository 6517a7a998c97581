package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Opens the best {@link StampedSocket} this host gives. */
public final class StampedSockets {

    private StampedSockets() {
    }

    /**
     * A UDP socket bound to bindAddress ("0.0.0.0" for every interface) and port (0: any free
     * one), SO_BROADCAST on. With kernelTimestamps, and on 64-bit Linux with JNA, it is a
     * {@link KernelStampedSocket}: SO_TIMESTAMPING if the kernel takes it, else SO_TIMESTAMPNS;
     * otherwise a {@link JavaStampedSocket} whose {@link StampedSocket#kindReason()} says why.
     *
     * @throws java.net.BindException the port is busy or the address not this host's, named with
     *         the system's reason (never a fallback)
     */
    public static StampedSocket open(String bindAddress, int port, boolean kernelTimestamps) throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + bindAddress);
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!kernelTimestamps) {
            return new JavaStampedSocket(address, port, "kernelTimestamps = false");
        }
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            return new JavaStampedSocket(address, port, "not Linux (" + os + ")");
        }
        String unsupported;
        try {
            unsupported = KernelStampedSocket.unsupported();
        } catch (LinkageError e) {
            unsupported = "JNA not available: " + e;
        }
        if (unsupported != null) {
            return new JavaStampedSocket(address, port, unsupported);
        }
        try {
            return KernelStampedSocket.open(bindAddress, ByteBuffer.wrap(address.getAddress()).getInt(), port);
        } catch (KernelStampedSocket.TimestampsRefused e) {
            return new JavaStampedSocket(address, port, e.getMessage());
        }
    }

    /** a.b.c.d of a host-order IPv4 address. */
    static String ipv4Text(int ipv4) {
        return (ipv4 >>> 24) + "." + (ipv4 >>> 16 & 0xff) + "." + (ipv4 >>> 8 & 0xff) + "." + (ipv4 & 0xff);
    }
}
