package org.syncscope.pmc.internal;

import java.nio.ByteBuffer;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.ClockQuality;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.TimeStatusNp;

/** Management TLV bodies (big-endian, packed, as in linuxptp's ds.h/tlv.h) into the API's records. */
final class DataSetDecoder {

    /** linuxptp's own code for a port that is master because its clock is the grandmaster. */
    static final int PS_GRAND_MASTER = 10;

    private DataSetDecoder() {
    }

    /** TimeInterval (ns × 2^16) to ns; exact in a double for any offset under 1.6 days. */
    static double timeInterval(long scaled) {
        return scaled / 65536.0;
    }

    static CurrentDataSet current(byte[] body) throws MalformedReplyException {
        ByteBuffer b = body(DataSetId.CURRENT_DATA_SET, body);
        return new CurrentDataSet(b.getShort(0) & 0xFFFF, timeInterval(b.getLong(2)), timeInterval(b.getLong(10)));
    }

    static DefaultDataSet defaults(byte[] body) throws MalformedReplyException {
        ByteBuffer b = body(DataSetId.DEFAULT_DATA_SET, body);
        int flags = body[0] & 0xFF;
        return new DefaultDataSet((flags & 1) != 0, (flags & 2) != 0, b.getShort(2) & 0xFFFF, body[4] & 0xFF,
                new ClockQuality(body[5] & 0xFF, body[6] & 0xFF, b.getShort(7) & 0xFFFF), body[9] & 0xFF,
                ClockIdentity.of(body, 10), body[18] & 0xFF);
    }

    static ParentDataSet parent(byte[] body) throws MalformedReplyException {
        ByteBuffer b = body(DataSetId.PARENT_DATA_SET, body);
        return new ParentDataSet(portIdentity(body, 0), body[10] != 0, b.getShort(12) & 0xFFFF, b.getInt(14),
                body[18] & 0xFF, new ClockQuality(body[19] & 0xFF, body[20] & 0xFF, b.getShort(21) & 0xFFFF),
                body[23] & 0xFF, ClockIdentity.of(body, 24));
    }

    static PortDataSet port(byte[] body) throws MalformedReplyException {
        ByteBuffer b = body(DataSetId.PORT_DATA_SET, body);
        return new PortDataSet(portIdentity(body, 0), portState(body[10] & 0xFF), body[11],
                timeInterval(b.getLong(12)), body[20], body[21] & 0xFF, body[22], body[23] & 0xFF, body[24],
                body[25] & 0x0F);
    }

    static TimeStatusNp timeStatus(byte[] body) throws MalformedReplyException {
        ByteBuffer b = body(DataSetId.TIME_STATUS_NP, body);
        int msb = b.getShort(26) & 0xFFFF;
        long lsb = b.getLong(28);
        if (msb != 0 || lsb < 0) {
            throw new MalformedReplyException("TIME_STATUS_NP lastGmPhaseChange at body byte 26 exceeds 2^63 ns");
        }
        return new TimeStatusNp(b.getLong(0), b.getLong(8), b.getInt(16), b.getInt(20), b.getShort(24) & 0xFFFF,
                lsb, b.getShort(36) & 0xFFFF, b.getInt(38) != 0, ClockIdentity.of(body, 42));
    }

    static GrandmasterSettingsNp grandmasterSettings(byte[] body) throws MalformedReplyException {
        ByteBuffer b = body(DataSetId.GRANDMASTER_SETTINGS_NP, body);
        return new GrandmasterSettingsNp(new ClockQuality(body[0] & 0xFF, body[1] & 0xFF, b.getShort(2) & 0xFFFF),
                b.getShort(4), body[6] & 0xFF, body[7] & 0xFF);
    }

    /** A wire port state; linuxptp's GRAND_MASTER is the standard's MASTER. */
    static PortState portState(int code) throws MalformedReplyException {
        if (code == PS_GRAND_MASTER) {
            return PortState.MASTER;
        }
        if (code < 1 || code > 9) {
            throw new MalformedReplyException("portState " + code + " is not a PTP port state (1..9)");
        }
        return PortState.ofCode(code);
    }

    private static PortIdentity portIdentity(byte[] body, int offset) {
        return new PortIdentity(ClockIdentity.of(body, offset), ((body[offset + 8] & 0xFF) << 8) | (body[offset + 9] & 0xFF));
    }

    private static ByteBuffer body(DataSetId id, byte[] body) throws MalformedReplyException {
        if (body.length < id.bodyLength()) {
            throw new MalformedReplyException(id + " body is " + body.length + " bytes, expected " + id.bodyLength());
        }
        return ByteBuffer.wrap(body);
    }
}
