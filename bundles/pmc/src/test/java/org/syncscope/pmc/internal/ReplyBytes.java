package org.syncscope.pmc.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.syncscope.api.ptp.ClockQuality;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.TimeStatusNp;

/** Writes replies the way ptp4l does (tests only: the adapter itself only reads them). */
final class ReplyBytes {

    private ReplyBytes() {
    }

    static byte[] response(PortIdentity source, int sequenceId, int managementId, byte[] body) {
        ByteBuffer tlv = ByteBuffer.allocate(6 + body.length);
        tlv.putShort((short) ManagementMessage.TLV_MANAGEMENT).putShort((short) (2 + body.length))
                .putShort((short) managementId).put(body);
        return message(source, sequenceId, tlv.array());
    }

    static byte[] error(PortIdentity source, int sequenceId, int managementId, int errorId, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        int length = 8 + (t.length == 0 ? 0 : 1 + t.length + (1 + t.length) % 2);
        ByteBuffer tlv = ByteBuffer.allocate(4 + length);
        tlv.putShort((short) ManagementMessage.TLV_MANAGEMENT_ERROR_STATUS).putShort((short) length)
                .putShort((short) errorId).putShort((short) managementId).putInt(0);
        if (t.length > 0) {
            tlv.put((byte) t.length).put(t);
        }
        return message(source, sequenceId, tlv.array());
    }

    private static byte[] message(PortIdentity source, int sequenceId, byte[] tlv) {
        ByteBuffer b = ByteBuffer.allocate(ManagementMessage.TLV_OFFSET + tlv.length);
        b.put((byte) 0x0D).put((byte) 0x02).putShort((short) (ManagementMessage.TLV_OFFSET + tlv.length));
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putLong(0).putInt(0);
        b.putLong(source.clockIdentity().value()).putShort((short) source.portNumber());
        b.putShort((short) sequenceId).put((byte) 0x04).put((byte) 0x7F);
        b.put(new byte[10]);                               // targetPortIdentity: the requester (unused here)
        b.put((byte) 0).put((byte) 0).put((byte) ManagementMessage.ACTION_RESPONSE).put((byte) 0);
        b.put(tlv);
        return b.array();
    }

    static long scaled(double ns) {
        return Math.round(ns * 65536.0);
    }

    static byte[] body(CurrentDataSet c) {
        return ByteBuffer.allocate(18).putShort((short) c.stepsRemoved()).putLong(scaled(c.offsetFromMasterNs()))
                .putLong(scaled(c.meanPathDelayNs())).array();
    }

    static byte[] body(DefaultDataSet d) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) ((d.twoStep() ? 1 : 0) | (d.slaveOnly() ? 2 : 0))).put((byte) 0).putShort((short) d.numberPorts());
        b.put((byte) d.priority1());
        quality(b, d.clockQuality());
        b.put((byte) d.priority2()).putLong(d.clockIdentity().value()).put((byte) d.domainNumber()).put((byte) 0);
        return b.array();
    }

    static byte[] body(ParentDataSet p) {
        ByteBuffer b = ByteBuffer.allocate(32);
        port(b, p.parentPortIdentity());
        b.put((byte) (p.parentStats() ? 1 : 0)).put((byte) 0).putShort((short) p.observedParentOffsetScaledLogVariance())
                .putInt(p.observedParentClockPhaseChangeRate()).put((byte) p.grandmasterPriority1());
        quality(b, p.grandmasterClockQuality());
        b.put((byte) p.grandmasterPriority2()).putLong(p.grandmasterIdentity().value());
        return b.array();
    }

    static byte[] body(PortDataSet p) {
        ByteBuffer b = ByteBuffer.allocate(26);
        port(b, p.portIdentity());
        b.put((byte) p.portState().code()).put((byte) p.logMinDelayReqInterval()).putLong(scaled(p.peerMeanPathDelayNs()))
                .put((byte) p.logAnnounceInterval()).put((byte) p.announceReceiptTimeout()).put((byte) p.logSyncInterval())
                .put((byte) p.delayMechanism()).put((byte) p.logMinPdelayReqInterval()).put((byte) p.versionNumber());
        return b.array();
    }

    static byte[] body(TimeStatusNp t) {
        ByteBuffer b = ByteBuffer.allocate(50);
        b.putLong(t.masterOffsetNs()).putLong(t.ingressTimeNs()).putInt(t.cumulativeScaledRateOffset())
                .putInt(t.scaledLastGmPhaseChange()).putShort((short) t.gmTimeBaseIndicator()).putShort((short) 0)
                .putLong(t.lastGmPhaseChangeNs()).putShort((short) t.lastGmPhaseChangeFraction())
                .putInt(t.gmPresent() ? 1 : 0).putLong(t.gmIdentity().value());
        return b.array();
    }

    static byte[] body(GrandmasterSettingsNp g) {
        ByteBuffer b = ByteBuffer.allocate(8);
        quality(b, g.clockQuality());
        b.putShort((short) g.utcOffset()).put((byte) g.timeFlags()).put((byte) g.timeSource());
        return b.array();
    }

    private static void quality(ByteBuffer b, ClockQuality q) {
        b.put((byte) q.clockClass()).put((byte) q.clockAccuracy()).putShort((short) q.offsetScaledLogVariance());
    }

    private static void port(ByteBuffer b, PortIdentity p) {
        b.putLong(p.clockIdentity().value()).putShort((short) p.portNumber());
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
