package org.syncscope.cas.internal.guard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds CA request datagrams as clients send them (big-endian, payloads padded to 8). */
public final class CaDatagrams {

    private final ByteBuffer b = ByteBuffer.allocate(0xFFFF + 16);

    public static CaDatagrams datagram() {
        return new CaDatagrams();
    }

    /** A 16-byte header. */
    public CaDatagrams header(int command, int payload, int type, int count, int p1, int p2) {
        b.putShort((short) command).putShort((short) payload).putShort((short) type).putShort((short) count)
                .putInt(p1).putInt(p2);
        return this;
    }

    /** CA_PROTO_VERSION as libca puts it before its searches. */
    public CaDatagrams version() {
        return header(0, 0, 0, 13, 0, 0);
    }

    /** CA_PROTO_SEARCH for {@code name}, reply wanted, client id {@code cid}. */
    public CaDatagrams search(String name, int cid) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        int payload = (n.length + 1 + 7) / 8 * 8;
        header(6, payload, 10, 13, cid, cid);
        b.put(n);
        for (int i = n.length; i < payload; i++) {
            b.put((byte) 0);
        }
        return this;
    }

    public CaDatagrams bytes(byte... bytes) {
        b.put(bytes);
        return this;
    }

    /** The datagram so far, position 0, limit its length. */
    public ByteBuffer buffer() {
        ByteBuffer out = b.duplicate();
        out.flip();
        return out;
    }

    public byte[] array() {
        ByteBuffer out = buffer();
        byte[] a = new byte[out.remaining()];
        out.get(a);
        return a;
    }
}
