package org.syncscope.cas.internal.guard;

import java.nio.ByteBuffer;

/**
 * Checks one Channel Access message header from a client before anything of its payload is read
 * or allocated: a known client command, a payload within the limits, and for the data commands a
 * DBR type that exists and an element count that fits {@code maxArrayBytes}. CAJ checks none of
 * these (it allocates whatever size a header claims).
 */
public final class CaStreamGuard {

    public static final int HEADER = 16;
    public static final int EXTENDED_HEADER = 24;
    static final int EVENT_ADD = 1;
    static final int EVENT_CANCEL = 2;
    static final int WRITE = 4;
    static final int READ_NOTIFY = 15;
    static final int CREATE_CHAN = 18;
    static final int WRITE_NOTIFY = 19;
    /** DBR_STSACK_STRING, the last type CAJ serves. */
    static final int LAST_DBR_TYPE = 37;
    private static final int[] ELEMENT_BYTES = {40, 2, 4, 2, 1, 4, 8};
    /** Commands a client sends over TCP that CAJ's server handles. */
    private static final boolean[] CLIENT_COMMANDS = new boolean[24];

    static {
        for (int c : new int[] {0, 1, 2, 4, 6, 8, 9, 12, 15, 16, 18, 19, 20, 21, 23}) {
            CLIENT_COMMANDS[c] = true;
        }
    }

    private final TcpLimits limits;

    public CaStreamGuard(TcpLimits limits) {
        this.limits = limits;
    }

    public TcpLimits limits() {
        return limits;
    }

    /** The command of a header (position 0). */
    static int command(ByteBuffer header) {
        return header.getShort(0) & 0xFFFF;
    }

    /** True when a 16-byte header announces the extended (24-byte) form. */
    static boolean extended(ByteBuffer header) {
        return (header.getShort(2) & 0xFFFF) == 0xFFFF;
    }

    /** Payload bytes of a complete header (16 or 24 bytes from position 0), as an unsigned number. */
    static long payloadSize(ByteBuffer header) {
        int small = header.getShort(2) & 0xFFFF;
        return small == 0xFFFF && header.limit() >= EXTENDED_HEADER ? Integer.toUnsignedLong(header.getInt(16)) : small;
    }

    static long dataCount(ByteBuffer header) {
        return extended(header) && header.limit() >= EXTENDED_HEADER ? Integer.toUnsignedLong(header.getInt(20))
                : header.getShort(6) & 0xFFFF;
    }

    /**
     * Why a complete header (16 bytes, or 24 for the extended form, from position 0 to the limit)
     * must be refused; null when it may be read.
     */
    public String check(ByteBuffer header) {
        int command = command(header);
        if (command >= CLIENT_COMMANDS.length || !CLIENT_COMMANDS[command]) {
            return "unknown command " + command;
        }
        long payload = payloadSize(header);
        if (payload > limits.maxPayload()) {
            return "command " + command + " with a payload of " + payload + " bytes, more than the limit "
                    + limits.maxPayload() + " (maxArrayBytes " + limits.maxArrayBytes() + ")";
        }
        if (command == EVENT_ADD || command == WRITE || command == READ_NOTIFY || command == WRITE_NOTIFY) {
            return checkData(command, header.getShort(4) & 0xFFFF, dataCount(header), payload);
        }
        return null;
    }

    private String checkData(int command, int type, long count, long payload) {
        if (type > LAST_DBR_TYPE) {
            return "command " + command + " with DBR type " + type + ", outside 0.." + LAST_DBR_TYPE;
        }
        int element = elementBytes(type);
        long maxCount = Math.max(1, limits.maxArrayBytes() / element);
        if (count > maxCount) {
            return "command " + command + " for " + count + " elements of DBR type " + type + ", more than "
                    + maxCount + " (maxArrayBytes " + limits.maxArrayBytes() + ")";
        }
        boolean write = command == WRITE || command == WRITE_NOTIFY;
        if (write && count == 0) {
            return "command " + command + " writing 0 elements";
        }
        // a write's payload holds its values (a single string may be sent shorter than 40 bytes)
        if (write && type > 0 && type <= 6 && payload < count * element) {
            return "command " + command + " writing " + count + " elements of DBR type " + type + " in " + payload
                    + " bytes";
        }
        return null;
    }

    /** Bytes of one value of a DBR type (its plain type's). */
    static int elementBytes(int type) {
        if (type == 35 || type == 36) {
            return 2;   // DBR_PUT_ACKT, DBR_PUT_ACKS: a short
        }
        if (type == 37) {
            return 40;  // DBR_STSACK_STRING
        }
        return ELEMENT_BYTES[type % 7];
    }
}
