package org.syncscope.cas.internal.guard;

import java.nio.ByteBuffer;

/** Channel Access client messages for tests, in the protocol's big-endian layout. */
final class CaMessages {

    private CaMessages() {
    }

    /** A 16-byte header and {@code payload} zero bytes. */
    static byte[] message(int command, int payload, int type, int count, int p1, int p2) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload);
        b.putShort((short) command).putShort((short) payload).putShort((short) type).putShort((short) count)
                .putInt(p1).putInt(p2);
        return b.array();
    }

    /** A 24-byte extended header claiming {@code payload} bytes and {@code count} elements, without the payload. */
    static byte[] extendedHeader(int command, int payload, int type, int count, int p1, int p2) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.putShort((short) command).putShort((short) 0xFFFF).putShort((short) type).putShort((short) 0)
                .putInt(p1).putInt(p2).putInt(payload).putInt(count);
        return b.array();
    }

    /** EVENT_ADD of DBR_TIME_DOUBLE, one element, mask VALUE|ALARM. */
    static byte[] eventAdd(int sid, int subscription) {
        byte[] m = message(1, 16, 20, 1, sid, subscription);
        m[16 + 13] = 5;
        return m;
    }

    static byte[] version() {
        return message(0, 0, 0, 13, 0, 0);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
