package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.time.Instant;

/**
 * The fallback {@link StampedSocket}, on a {@code DatagramChannel}: Java gives no kernel
 * timestamps, so the stamps are the realtime clock read by the JVM right before a send and right
 * after a receive, late by however long the datagram waited to be read. A send the socket buffer
 * has no room for fails (non-blocking channel) rather than waiting.
 */
final class JavaStampedSocket implements StampedSocket {

    private static final Clock UTC = Clock.systemUTC();
    private static final int SLICE_MS = 200;

    private final DatagramChannel channel;
    private final Selector selector;
    private final String kindReason;
    private final int localPort;
    private volatile boolean closed;
    private long receivedAt;
    private int senderIpv4;
    private int senderPort;

    JavaStampedSocket(InetAddress bindAddress, int port, String kindReason) throws IOException {
        this.kindReason = kindReason;
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            try {
                channel.bind(new InetSocketAddress(bindAddress, port));
            } catch (BindException e) {
                BindException named = new BindException("bind " + bindAddress.getHostAddress() + ":" + port + ": "
                        + e.getMessage());
                named.initCause(e);
                throw named;
            }
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Kind kind() {
        return Kind.USER;
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
        ensureOpen();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByAddress(new byte[] {
                (byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4}), port);
        ByteBuffer data = ByteBuffer.wrap(buf, 0, len);
        long before = realtimeNanos();
        try {
            if (channel.send(data, target) == 0) {
                throw new IOException("send to " + StampedSockets.ipv4Text(ipv4) + ":" + port
                        + ": no room in the socket buffer");
            }
        } catch (ClosedChannelException e) {
            throw closedException();
        }
        return before;
    }

    @Override
    public int receive(byte[] buf, int timeoutMillis) throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout " + timeoutMillis);
        }
        ByteBuffer data = ByteBuffer.wrap(buf);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            ensureOpen();
            InetSocketAddress sender;
            try {
                sender = (InetSocketAddress) channel.receive(data);
            } catch (ClosedChannelException e) {
                throw closedException();
            }
            if (sender != null) {
                receivedAt = realtimeNanos();
                senderPort = sender.getPort();
                byte[] address = sender.getAddress().getAddress();
                senderIpv4 = sender.getAddress() instanceof Inet4Address ? ByteBuffer.wrap(address).getInt() : 0;
                return data.position();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            awaitReadable((int) Math.min(SLICE_MS, (left + 999_999) / 1_000_000));
        }
    }

    /** Whether a datagram waits (within timeoutMs), without taking it. */
    boolean readable(int timeoutMs) throws IOException {
        ensureOpen();
        return awaitReadable(timeoutMs);
    }

    private boolean awaitReadable(int timeoutMs) throws IOException {
        try {
            int ready = timeoutMs == 0 ? selector.selectNow() : selector.select(timeoutMs);
            selector.selectedKeys().clear();
            return ready > 0;
        } catch (ClosedSelectorException e) {
            throw closedException();
        }
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
        Instant now = UTC.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Closing the selector wakes a thread waiting in it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private void ensureOpen() throws SocketException {
        if (closed) {
            throw closedException();
        }
    }

    private static SocketException closedException() {
        return new SocketException("socket closed");
    }
}
