package org.syncscope.pmc.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.PortIdentity;

/**
 * IEEE 1588 management messages as ptp4l reads and writes them on its Unix port: a 34-byte header,
 * 14 bytes of management fields and one TLV, all big-endian (layout in docs/pmc-adapter.md).
 */
final class ManagementMessage {

    static final int HEADER_LENGTH = 34;
    static final int TLV_OFFSET = 48;
    /** Header + management fields + TLV type/length + managementId. */
    static final int MIN_LENGTH = 54;

    static final int MESSAGE_TYPE_MANAGEMENT = 0x0D;
    static final int ACTION_GET = 0;
    static final int ACTION_RESPONSE = 2;
    static final int TLV_MANAGEMENT = 0x0001;
    static final int TLV_MANAGEMENT_ERROR_STATUS = 0x0002;

    private ManagementMessage() {
    }

    /**
     * A GET for {@code managementId} with an empty body, addressed to all ports, boundary hops 0
     * (stay on this host), as {@code pmc -u -b 0 -z} sends it.
     */
    static byte[] get(int managementId, int domainNumber, PortIdentity source, int sequenceId) {
        ByteBuffer b = ByteBuffer.allocate(MIN_LENGTH);
        b.put((byte) MESSAGE_TYPE_MANAGEMENT);
        b.put((byte) 0x02);                              // PTP version 2
        b.putShort((short) MIN_LENGTH);
        b.put((byte) domainNumber);
        b.put((byte) 0);
        b.putShort((short) 0);                           // flags
        b.putLong(0);                                    // correction
        b.putInt(0);
        b.putLong(source.clockIdentity().value());
        b.putShort((short) source.portNumber());
        b.putShort((short) sequenceId);
        b.put((byte) 0x04);                              // controlField: management
        b.put((byte) 0x7F);                              // logMessageInterval
        for (int i = 0; i < 10; i++) {
            b.put((byte) 0xFF);                          // targetPortIdentity: every port
        }
        b.put((byte) 0);                                 // startingBoundaryHops
        b.put((byte) 0);                                 // boundaryHops
        b.put((byte) ACTION_GET);
        b.put((byte) 0);
        b.putShort((short) TLV_MANAGEMENT);
        b.putShort((short) 2);                           // lengthField: managementId only
        b.putShort((short) managementId);
        return b.array();
    }

    /**
     * One parsed reply. For a MANAGEMENT TLV {@code body} holds the data set; for an error status
     * {@code errorId} and {@code errorText} are set and {@code body} is empty.
     */
    record Reply(PortIdentity source, int sequenceId, int action, int tlvType, int managementId, byte[] body,
                 int errorId, String errorText) {

        boolean isError() {
            return tlvType == TLV_MANAGEMENT_ERROR_STATUS;
        }
    }

    /**
     * Parses a reply.
     *
     * @throws MalformedReplyException naming the field that does not fit
     */
    static Reply parse(byte[] m) throws MalformedReplyException {
        if (m.length < MIN_LENGTH) {
            throw new MalformedReplyException("truncated: " + m.length + " bytes, a management message has at least "
                    + MIN_LENGTH);
        }
        ByteBuffer b = ByteBuffer.wrap(m);
        int type = m[0] & 0x0F;
        if (type != MESSAGE_TYPE_MANAGEMENT) {
            throw new MalformedReplyException(String.format("messageType 0x%X at byte 0 is not management (0xD)", type));
        }
        int version = m[1] & 0x0F;
        if (version != 2) {
            throw new MalformedReplyException("versionPTP " + version + " at byte 1 is not 2");
        }
        int messageLength = b.getShort(2) & 0xFFFF;
        if (messageLength < MIN_LENGTH || messageLength > m.length) {
            throw new MalformedReplyException("messageLength " + messageLength + " at byte 2 does not fit the "
                    + m.length + " bytes received");
        }
        PortIdentity source = new PortIdentity(ClockIdentity.of(m, 20), b.getShort(28) & 0xFFFF);
        int sequenceId = b.getShort(30) & 0xFFFF;
        int action = m[46] & 0x0F;
        int tlvType = b.getShort(TLV_OFFSET) & 0xFFFF;
        int tlvLength = b.getShort(TLV_OFFSET + 2) & 0xFFFF;
        int tlvEnd = TLV_OFFSET + 4 + tlvLength;
        if (tlvEnd > messageLength) {
            throw new MalformedReplyException("TLV lengthField " + tlvLength + " at byte 50 runs past messageLength "
                    + messageLength);
        }
        if (tlvType == TLV_MANAGEMENT) {
            if (tlvLength < 2) {
                throw new MalformedReplyException("TLV lengthField " + tlvLength + " at byte 50 has no managementId");
            }
            int id = b.getShort(52) & 0xFFFF;
            return new Reply(source, sequenceId, action, tlvType, id, Arrays.copyOfRange(m, 54, tlvEnd), 0, "");
        }
        if (tlvType == TLV_MANAGEMENT_ERROR_STATUS) {
            if (tlvLength < 8) {
                throw new MalformedReplyException("MANAGEMENT_ERROR_STATUS lengthField " + tlvLength
                        + " at byte 50 is shorter than 8");
            }
            int errorId = b.getShort(52) & 0xFFFF;
            int id = b.getShort(54) & 0xFFFF;
            String text = "";
            if (tlvLength > 8) {
                int textLength = m[60] & 0xFF;
                if (61 + textLength > tlvEnd) {
                    throw new MalformedReplyException("displayData length " + textLength + " at byte 60 runs past the TLV");
                }
                text = new String(m, 61, textLength, StandardCharsets.UTF_8);
            }
            return new Reply(source, sequenceId, action, tlvType, id, new byte[0], errorId, text);
        }
        throw new MalformedReplyException(String.format("tlvType 0x%04X at byte 48 is neither MANAGEMENT nor "
                + "MANAGEMENT_ERROR_STATUS", tlvType));
    }
}
