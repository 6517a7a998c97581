package org.syncscope.api.ptp;

/**
 * An IEEE 1588 clock identity (8 bytes, held big-endian in a long). Printed as linuxptp prints it:
 * {@code bcfce7.fffe.244daf}.
 */
public record ClockIdentity(long value) {

    /** The identity from 8 bytes starting at {@code offset} (network byte order). */
    public static ClockIdentity of(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < 8) {
            throw new IllegalArgumentException("a clock identity needs 8 bytes at offset " + offset
                    + ", have " + Math.max(0, bytes.length - offset));
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xFF);
        }
        return new ClockIdentity(v);
    }

    @Override
    public String toString() {
        String hex = String.format("%016x", value);
        return hex.substring(0, 6) + '.' + hex.substring(6, 10) + '.' + hex.substring(10);
    }
}
