package org.syncscope.cas.internal.guard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the CA server's UDP socket in place of CAJ's transport: receives each datagram itself,
 * passes a well-formed one ({@link UdpRequestCheck}) message by message to CAJ's server handler
 * exactly as CAJ's transport would (so search replies go out as before), and refuses the rest
 * through {@link MalformedInput}: counted, one WARN per source and minute, no stack trace. (CAJ
 * 2.4.9 throws on a search whose payload runs past the datagram and on an EVENT_ADD over UDP, and
 * logs each with a stack trace.)
 *
 * <p>Also applies the ignore list (EPICS_CAS_IGNORE_ADDR_LIST), which CAJ's transport checks but
 * never acts on: a datagram from an ignored host is dropped unanswered and uncounted.
 *
 * <p>The receive buffer is allocated once; a well-formed datagram costs no allocation here beyond
 * what CAJ's own transport makes (the sender's address from {@code receive}).
 */
public final class GuardedDatagramHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedDatagramHandler.class);
    /** CAJ's receive size (largest UDP payload plus a header), so nothing CAJ took is cut off. */
    static final int RECEIVE_SIZE = 0xFFFF + 16;

    /** CAJ's handling of the message at the buffer's position; it advances the position past it. */
    @FunctionalInterface
    public interface Server {
        void handle(InetSocketAddress from, ByteBuffer[] datagram) throws Throwable;
    }

    private final DatagramChannel channel;
    private final InetSocketAddress[] ignored;
    private final Runnable beforeEachDatagram;
    private final Server server;
    private final MalformedInput refusals;
    private final ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_SIZE);
    private final ByteBuffer[] bufferArray = {buffer};
    private final UdpRequestCheck check = new UdpRequestCheck();

    /**
     * @param ignored            hosts whose datagrams are dropped unanswered (port not compared), or null
     * @param beforeEachDatagram what CAJ's transport does before handling a datagram
     */
    public GuardedDatagramHandler(DatagramChannel channel, InetSocketAddress[] ignored, Runnable beforeEachDatagram,
            Server server, MalformedInput refusals) {
        this.channel = channel;
        this.ignored = ignored == null ? new InetSocketAddress[0] : ignored.clone();
        this.beforeEachDatagram = beforeEachDatagram;
        this.server = server;
        this.refusals = refusals;
    }

    /** A reactor event on the channel. */
    public void handleEvent(SelectionKey key) {
        if (key.isValid() && key.isReadable()) {
            receiveAll();
        }
    }

    /**
     * Handles every datagram waiting on the socket. Synchronized though CAJ's reactor calls it from
     * one thread at a time: while the guard replaces CAJ's handler at start, CAJ's leader/followers
     * bookkeeping of the key (disabled while handled) can let a second thread in once.
     */
    synchronized void receiveAll() {
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                if (from == null) {
                    return;
                }
                buffer.flip();
                handle(from);
            }
        } catch (ClosedChannelException e) {
            LOG.debug("CA server UDP socket closed");
        } catch (IOException e) {
            LOG.warn("Channel Access server: receiving on its UDP port failed: {}", e.toString());
        }
    }

    private void handle(InetSocketAddress from) {
        InetAddress source = from.getAddress();
        for (InetSocketAddress a : ignored) {
            if (source.equals(a.getAddress())) {
                return;
            }
        }
        if (check.check(buffer) != UdpRequestCheck.Fault.OK) {
            refusals.refused(MalformedInput.Channel.UDP, source, check.describe());
            return;
        }
        beforeEachDatagram.run();
        try {
            while (buffer.remaining() >= UdpRequestCheck.HEADER_SIZE) {
                server.handle(from, bufferArray);
            }
        } catch (Throwable e) {
            if (e instanceof Error err && !(e instanceof StackOverflowError)) {
                throw err;
            }
            // not expected for a datagram that passed the check; still no stack trace per datagram
            refusals.refused(MalformedInput.Channel.UDP, source, "CAJ failed on it: " + e);
        }
    }
}
