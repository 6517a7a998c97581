package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.cas.internal.guard.CaDatagrams.datagram;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.internal.guard.MalformedInput.Channel;

/**
 * Malformed datagrams to the CA server's UDP port (seeded, loopback, bounded): each one is refused
 * and counted, none makes CAJ log a stack trace, the WARN lines stay bounded, and searches keep
 * being answered throughout. Every datagram sent here is malformed by construction (the kinds
 * are listed in {@link #badDatagram}), so the refused count must equal the number sent. Pacing: a
 * valid search after every batch, answered only once the server handled the batch before it.
 */
class UdpFuzzTest {

    private static final int PORT = 25360;
    private static final int BEACON_PORT = 25361;
    private static final int BAD_DATAGRAMS = 20_000;
    private static final int BATCH = 100;
    private static final String PV = "FUZZ:UDP:FREQ";

    private final ChannelAccessServer server = new ChannelAccessServer();
    private final List<LogRecord> withStackTraces = new ArrayList<>();
    private final Handler julCapture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (withStackTraces) {
                    withStackTraces.add(r);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Random random = new Random(19);
    private DatagramSocket client;
    private int cid = 1000;

    @BeforeEach
    void start() throws Exception {
        java.util.logging.Logger.getLogger("").addHandler(julCapture);
        server.start(new ServerSettings(PORT, AddressList.parse("b", "127.0.0.1:" + BEACON_PORT), false, 15f,
                AddressList.EMPTY));
        server.publish(PvSpec.ofDouble(PV, "Hz", 3, "")).post(new PvValue.DoubleValue(10), System.currentTimeMillis() * 1_000_000L, AlarmSeverity.NO_ALARM,
                AlarmStatus.NO_ALARM);
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        java.util.logging.Logger.getLogger("").removeHandler(julCapture);
        if (client != null) {
            client.close();
        }
        server.stop();
    }

    @Test
    void malformedDatagramsAreRefusedCountedAndLoggedBoundedWhileSearchesAreAnswered() throws Exception {
        assertThat(searchFinds(PV)).as("a search before the fuzz").isTrue();
        long startNanos = System.nanoTime();
        int sent = 0;
        int[] kinds = new int[KINDS];
        while (sent < BAD_DATAGRAMS) {
            for (int i = 0; i < BATCH; i++) {
                int kind = random.nextInt(KINDS);
                kinds[kind]++;
                send(badDatagram(kind));
                sent++;
            }
            int done = sent;
            assertThat(searchFinds(PV)).as(stateAfter(done)).isTrue();
        }
        long minutes = (System.nanoTime() - startNanos) / 60_000_000_000L;

        assertThat(withStackTraces).as(stateAfter(sent)).isEmpty();
        assertThat(server.malformed().total(Channel.UDP)).as("refused, of %d sent (kinds %s)", sent, Arrays.toString(kinds))
                .isEqualTo(sent);
        // one source (loopback): one WARN line per started minute at most
        assertThat(server.malformed().linesLogged()).isBetween(1L, 1 + minutes);
        assertThat(searchFinds(PV)).as("a search after the fuzz").isTrue();
    }

    private Supplier<String> stateAfter(int sent) {
        return () -> {
            synchronized (withStackTraces) {
                return "after " + sent + " bad datagrams: " + server.malformed().total(Channel.UDP) + " refused; "
                        + withStackTraces.size() + " log records with a stack trace"
                        + (withStackTraces.isEmpty() ? "" : ", first: " + withStackTraces.get(0).getThrown());
            }
        };
    }

    private void send(byte[] d) throws Exception {
        client.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), PORT));
    }

    /**
     * Sends VERSION + SEARCH(name) and waits for the reply (a datagram lost on loopback is sent
     * again, up to three times); false if none came.
     */
    private boolean searchFinds(String name) throws Exception {
        int id = ++cid;
        byte[] search = datagram().version().search(name, id).array();
        byte[] reply = new byte[1024];
        for (int attempt = 0; attempt < 3; attempt++) {
            send(search);
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(reply, reply.length);
                    client.receive(p);
                    ByteBuffer r = ByteBuffer.wrap(p.getData(), 0, p.getLength());
                    for (int at = 0; at + 16 <= r.limit(); at += 16 + (r.getShort(at + 2) & 0xFFFF)) {
                        if (r.getShort(at) == 6 && r.getInt(at + 12) == id) {
                            assertThat(r.getShort(at + 4) & 0xFFFF).as("TCP port in the reply")
                                    .isEqualTo(server.ports().tcp());
                            return true;
                        }
                    }
                }
            } catch (SocketTimeoutException e) {
                // lost: again
            }
        }
        return false;
    }

    private static final int KINDS = 10;

    /** A datagram that is malformed however the random choices fall. */
    private byte[] badDatagram(int kind) {
        byte[] valid = datagram().version().search("FUZZ:UDP:" + random.nextInt(1000), random.nextInt()).array();
        switch (kind) {
            case 0: {   // random bytes shorter than a header
                byte[] d = new byte[1 + random.nextInt(15)];
                random.nextBytes(d);
                return d;
            }
            case 1: {   // random bytes whose first command is neither VERSION nor SEARCH
                byte[] d = new byte[16 + random.nextInt(600)];
                random.nextBytes(d);
                int command;
                do {
                    command = random.nextInt(0x10000);
                } while (command == 0 || command == 6);
                ByteBuffer.wrap(d).putShort(0, (short) command);
                return d;
            }
            case 2: {   // a search whose payload size runs past the datagram
                ByteBuffer b = ByteBuffer.wrap(valid);
                int room = valid.length - 32;
                b.putShort(18, (short) ((room / 8 + 1 + random.nextInt(8000)) * 8));
                return valid;
            }
            case 3: {   // a search cut short anywhere but right after the VERSION (a lone VERSION is fine)
                int n;
                do {
                    n = 1 + random.nextInt(valid.length - 1);
                } while (n == 16);
                return Arrays.copyOf(valid, n);
            }
            case 4: {   // EVENT_ADD over UDP, alone or after a good search
                byte[] add = datagram().header(1, 16, random.nextInt(35), 1 + random.nextInt(100), random.nextInt(),
                        random.nextInt()).bytes(new byte[16]).array();
                if (random.nextBoolean()) {
                    return add;
                }
                byte[] d = Arrays.copyOf(valid, valid.length + add.length);
                System.arraycopy(add, 0, d, valid.length, add.length);
                return d;
            }
            case 5: {   // a payload size that is not a multiple of 8
                ByteBuffer b = ByteBuffer.wrap(valid);
                int payload = b.getShort(18) & 0xFFFF;
                b.putShort(18, (short) (payload - 1 - random.nextInt(7)));
                return valid;
            }
            case 6: {   // an extended header
                ByteBuffer.wrap(valid).putShort(18, (short) 0xFFFF);
                return valid;
            }
            case 7: {   // a name with a control or non-ASCII character
                byte bad = random.nextBoolean() ? (byte) (1 + random.nextInt(0x1F)) : (byte) (0x7F + random.nextInt(0x81));
                valid[32 + random.nextInt(9)] = bad;   // inside "FUZZ:UDP:", before the terminator
                return valid;
            }
            case 8: {   // a name that fills its payload without a terminator
                for (int i = 32 + 9; i < valid.length; i++) {
                    valid[i] = (byte) ('0' + random.nextInt(10));
                }
                return valid;
            }
            default: {   // a search for an empty name
                return datagram().version().header(6, 8 * random.nextInt(3), 10, 13, 1, 1).bytes(new byte[16]).array();
            }
        }
    }
}
