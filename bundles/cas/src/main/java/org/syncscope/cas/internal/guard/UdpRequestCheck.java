package org.syncscope.cas.internal.guard;

import java.nio.ByteBuffer;

/**
 * Whether a datagram that reached the server's UDP port holds only what a Channel Access server
 * takes over UDP: a sequence of VERSION (0) and SEARCH (6) messages, each with a standard 16-byte
 * header and a payload that is a multiple of 8 bytes and ends inside the datagram; a search's
 * payload is a channel name of printable ASCII, NUL-terminated within the payload. That is all
 * rsrv (the IOC's server) answers over UDP; everything else (an EVENT_ADD, an extended header,
 * a payload running past the datagram) is refused as a whole datagram.
 *
 * <p>Reads with absolute gets only (the buffer's position and limit stay as they are) and
 * allocates nothing; the fault's detail is kept in fields for {@link #describe()}, so one instance
 * serves one thread.
 */
public final class UdpRequestCheck {

    static final int HEADER_SIZE = 16;
    static final int CMD_VERSION = 0;
    static final int CMD_EVENT_ADD = 1;
    static final int CMD_SEARCH = 6;
    static final int EXTENDED_MARK = 0xFFFF;

    /** What is wrong with a datagram, or {@link #OK}. */
    public enum Fault {
        OK("well formed"),
        EMPTY("empty datagram"),
        TRUNCATED_HEADER("truncated header"),
        EXTENDED_HEADER("extended header (not used over UDP)"),
        MISALIGNED_PAYLOAD("payload size not a multiple of 8"),
        PAYLOAD_PAST_END("payload runs past the end of the datagram"),
        NOT_A_UDP_REQUEST("command a server does not take over UDP"),
        EMPTY_NAME("search for an empty name"),
        UNTERMINATED_NAME("search name not NUL-terminated within its payload"),
        BAD_NAME_CHARACTER("search name with a non-printable character");

        private final String text;

        Fault(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private Fault fault = Fault.OK;
    private int faultOffset;
    private int faultCommand;
    private int faultPayload;
    private int datagramSize;

    /** Checks {@code datagram} from its position to its limit. */
    public Fault check(ByteBuffer datagram) {
        int start = datagram.position();
        int end = datagram.limit();
        datagramSize = end - start;
        if (datagramSize == 0) {
            return fail(Fault.EMPTY, 0, -1, 0);
        }
        int at = start;
        while (at < end) {
            if (end - at < HEADER_SIZE) {
                return fail(Fault.TRUNCATED_HEADER, at - start, end - at >= 2 ? datagram.getShort(at) & 0xFFFF : -1, 0);
            }
            int command = datagram.getShort(at) & 0xFFFF;
            int payload = datagram.getShort(at + 2) & 0xFFFF;
            if (payload == EXTENDED_MARK) {
                return fail(Fault.EXTENDED_HEADER, at - start, command, payload);
            }
            if ((payload & 7) != 0) {
                return fail(Fault.MISALIGNED_PAYLOAD, at - start, command, payload);
            }
            int payloadStart = at + HEADER_SIZE;
            if (payload > end - payloadStart) {
                return fail(Fault.PAYLOAD_PAST_END, at - start, command, payload);
            }
            if (command == CMD_SEARCH) {
                Fault name = checkName(datagram, payloadStart, payload);
                if (name != Fault.OK) {
                    return fail(name, at - start, command, payload);
                }
            } else if (command != CMD_VERSION) {
                return fail(Fault.NOT_A_UDP_REQUEST, at - start, command, payload);
            }
            at = payloadStart + payload;
        }
        fault = Fault.OK;
        return Fault.OK;
    }

    private static Fault checkName(ByteBuffer b, int from, int size) {
        if (size == 0 || b.get(from) == 0) {
            return Fault.EMPTY_NAME;
        }
        for (int i = from, end = from + size; i < end; i++) {
            int c = b.get(i);
            if (c == 0) {
                return Fault.OK;
            }
            if (c < 0x20 || c > 0x7E) {
                return Fault.BAD_NAME_CHARACTER;
            }
        }
        return Fault.UNTERMINATED_NAME;
    }

    private Fault fail(Fault f, int offset, int command, int payload) {
        fault = f;
        faultOffset = offset;
        faultCommand = command;
        faultPayload = payload;
        return f;
    }

    /** The last fault found, for a log line: what, where, which command. */
    public String describe() {
        if (fault == Fault.OK || fault == Fault.EMPTY) {
            return fault.text();
        }
        StringBuilder s = new StringBuilder(fault.text());
        if (faultCommand == CMD_EVENT_ADD && fault == Fault.NOT_A_UDP_REQUEST) {
            s.append(" (EVENT_ADD)");
        }
        s.append(": ");
        if (faultCommand >= 0) {
            s.append("command ").append(faultCommand).append(", ");
        }
        if (fault == Fault.PAYLOAD_PAST_END || fault == Fault.MISALIGNED_PAYLOAD) {
            s.append("payload ").append(faultPayload).append(" bytes, ");
        }
        return s.append("message at byte ").append(faultOffset).append(" of a ").append(datagramSize)
                .append("-byte datagram").toString();
    }
}
