package org.syncscope.timestamp.internal.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.syncscope.api.time.EpicsTime;

/**
 * The drvTS time-sync datagram ({@code TSstampTransStruct}): 13 big-endian 32-bit fields, 52 bytes
 * (docs/drvts-protocol.md has the byte offsets). Senders before 2005 sent the first 40 bytes;
 * those decode with mask and thresholds 0. Times are EPICS-epoch seconds + ns, held here as ns
 * since the Unix epoch (0 = not set).
 *
 * @param type                     0 time request/reply, 1 sync request, 2 sync message
 * @param masterTimeNanos          the master's last sync time
 * @param currentTimeNanos         the master's current time
 * @param syncRateSeconds          seconds between syncs
 * @param clockHz                  tick rate
 * @param mask                     bit 0: the master disciplines itself from NTP; bit 1: out of sync
 * @param syncReportThresholdNanos log a sync step at or above this
 * @param unixReportThresholdNanos same for NTP corrections
 */
public record TsPacket(int type, long masterTimeNanos, long currentTimeNanos, int syncRateSeconds, int clockHz,
                       int mask, int syncReportThresholdNanos, int unixReportThresholdNanos) {

    public static final int MAGIC = 0x54536472;   // 'T' 'S' 'd' 'r'
    public static final int TIME_REQUEST = 0;
    public static final int SYNC_REQUEST = 1;
    public static final int SYNC_MESSAGE = 2;
    public static final int SIZE = 52;
    public static final int OLD_SIZE = 40;
    /** mask bit: the master's time comes from NTP ("stamp from unix"). */
    public static final int MASK_FROM_NTP = 0x1;
    /** mask bit: the master has lost its time source; slaves should not follow it. */
    public static final int MASK_OUT_OF_SYNC = 0x2;

    public TsPacket {
        if (type < TIME_REQUEST || type > SYNC_MESSAGE) {
            throw new IllegalArgumentException("packet type " + type + " is not 0, 1 or 2");
        }
    }

    /** A slave's time request: only magic and type are set. */
    public static TsPacket timeRequest() {
        return new TsPacket(TIME_REQUEST, 0, 0, 0, 0, 0, 0, 0);
    }

    public boolean outOfSync() {
        return (mask & MASK_OUT_OF_SYNC) != 0;
    }

    /** The 52-byte datagram. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC).putInt(type);
        putTime(b, masterTimeNanos);
        putTime(b, currentTimeNanos);
        b.putInt(0).putInt(0);   // unix_time: never filled by the original either
        b.putInt(syncRateSeconds).putInt(clockHz).putInt(mask).putInt(syncReportThresholdNanos)
                .putInt(unixReportThresholdNanos);
        return b.array();
    }

    /**
     * Decodes a received datagram.
     *
     * @throws MalformedPacketException naming what is wrong (size, magic, type, a time field)
     */
    public static TsPacket decode(byte[] data, int length) throws MalformedPacketException {
        if (length != OLD_SIZE && length != SIZE) {
            throw new MalformedPacketException(length + " bytes; a drvTS packet has " + OLD_SIZE + " or " + SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new MalformedPacketException(String.format("magic 0x%08x is not 0x%08x ('TSdr')", magic, MAGIC));
        }
        int type = b.getInt();
        if (type < TIME_REQUEST || type > SYNC_MESSAGE) {
            throw new MalformedPacketException("type " + type + " is not 0, 1 or 2");
        }
        long master = getTime(b, "master_time");
        long current = getTime(b, "current_time");
        b.getInt();
        b.getInt();
        int syncRate = b.getInt();
        int clockHz = b.getInt();
        // pre-2005 senders stop here: mask and thresholds read as 0
        boolean full = length == SIZE;
        int mask = full ? b.getInt() : 0;
        int syncThreshold = full ? b.getInt() : 0;
        int unixThreshold = full ? b.getInt() : 0;
        return new TsPacket(type, master, current, syncRate, clockHz, mask, syncThreshold, unixThreshold);
    }

    /** Byte offset of unix_time: a Syncscope master puts a time request's arrival there (see {@link #writeTimeReply}). */
    static final int UNIX_TIME_OFFSET = 24;

    /**
     * Writes a time reply into {@code out} (at least {@value #SIZE} bytes) without allocating. A
     * Syncscope master fills the unix_time field, which the original never filled or read, with
     * its time at the request's arrival ({@code receivedNanos}), so its slaves can take the
     * master's time in handling out of the round trip (NTP's four timestamps); other slaves
     * ignore it.
     */
    static void writeTimeReply(byte[] out, long lastSyncNanos, long currentNanos, long receivedNanos,
                               int syncRateSeconds, int clockHz, int mask) {
        putInt(out, 0, MAGIC);
        putInt(out, 4, TIME_REQUEST);
        putTime(out, 8, lastSyncNanos);
        putTime(out, 16, currentNanos);
        putTime(out, UNIX_TIME_OFFSET, receivedNanos);
        putInt(out, 32, syncRateSeconds);
        putInt(out, 36, clockHz);
        putInt(out, 40, mask);
        putInt(out, 44, 0);
        putInt(out, 48, 0);
    }

    /** The big-endian int at {@code offset}. */
    static int intAt(byte[] d, int offset) {
        return (d[offset] & 0xff) << 24 | (d[offset + 1] & 0xff) << 16 | (d[offset + 2] & 0xff) << 8 | d[offset + 3] & 0xff;
    }

    /** The EPICS time (seconds, ns) at {@code offset} as Unix ns, 0 when unset. */
    static long timeAt(byte[] d, int offset, String field) throws MalformedPacketException {
        int seconds = intAt(d, offset);
        int nanos = intAt(d, offset + 4);
        if (seconds == 0 && nanos == 0) {
            return 0;
        }
        if (nanos < 0 || nanos >= 1_000_000_000) {
            throw new MalformedPacketException(field + ": " + Integer.toUnsignedString(nanos) + " ns is not below 1e9");
        }
        return EpicsTime.toUnixNanos(seconds & 0xFFFF_FFFFL, nanos);
    }

    private static void putInt(byte[] d, int offset, int v) {
        d[offset] = (byte) (v >>> 24);
        d[offset + 1] = (byte) (v >>> 16);
        d[offset + 2] = (byte) (v >>> 8);
        d[offset + 3] = (byte) v;
    }

    private static void putTime(byte[] d, int offset, long unixNanos) {
        if (unixNanos == 0) {
            putInt(d, offset, 0);
            putInt(d, offset + 4, 0);
            return;
        }
        long epicsNanos = unixNanos - EpicsTime.MIN_UNIX_NANOS;
        putInt(d, offset, (int) Math.floorDiv(epicsNanos, 1_000_000_000L));
        putInt(d, offset + 4, (int) Math.floorMod(epicsNanos, 1_000_000_000L));
    }

    private static void putTime(ByteBuffer b, long unixNanos) {
        if (unixNanos == 0) {
            b.putInt(0).putInt(0);
            return;
        }
        var t = EpicsTime.fromUnixNanos(unixNanos);
        b.putInt(t.secondsAsUnsignedInt()).putInt(t.nanoseconds());
    }

    private static long getTime(ByteBuffer b, String field) throws MalformedPacketException {
        int seconds = b.getInt();
        int nanos = b.getInt();
        if (seconds == 0 && nanos == 0) {
            return 0;
        }
        try {
            return EpicsTime.fromWire(seconds, nanos);
        } catch (IllegalArgumentException bad) {
            throw new MalformedPacketException(field + ": " + bad.getMessage());
        }
    }
}
