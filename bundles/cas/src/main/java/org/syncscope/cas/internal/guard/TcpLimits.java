package org.syncscope.cas.internal.guard;

/**
 * What one Channel Access client may ask of the server over TCP.
 *
 * @param maxArrayBytes          largest array a message may carry, in bytes (EPICS_CA_MAX_ARRAY_BYTES)
 * @param maxClients             client connections served at once; one more is accepted and closed at once
 * @param maxChannelsPerClient   channels one connection may hold; a further create is answered "failed"
 * @param maxMonitorsPerClient   monitors one connection may hold; a further subscription closes the connection
 * @param handshakeTimeoutMillis a connection that sends no whole message within this is closed
 * @param idleTimeoutMillis      a connection with no channel that sends nothing for this long is closed
 */
public record TcpLimits(int maxArrayBytes, int maxClients, int maxChannelsPerClient, int maxMonitorsPerClient,
                        long handshakeTimeoutMillis, long idleTimeoutMillis) {

    /** CAJ's and libca's default EPICS_CA_MAX_ARRAY_BYTES. */
    public static final int DEFAULT_MAX_ARRAY_BYTES = 16384;
    /** The smallest payload any limit allows: CAJ's own receive buffer, and room for a 60-character name. */
    static final int MIN_PAYLOAD = 16384;
    public static final TcpLimits DEFAULTS = new TcpLimits(DEFAULT_MAX_ARRAY_BYTES, 256, 4096, 4096, 10_000, 60_000);

    public TcpLimits {
        if (maxArrayBytes < 1 || maxClients < 1 || maxChannelsPerClient < 1 || maxMonitorsPerClient < 1) {
            throw new IllegalArgumentException("TCP limits must be positive: " + maxArrayBytes + ", " + maxClients + ", "
                    + maxChannelsPerClient + ", " + maxMonitorsPerClient);
        }
        if (handshakeTimeoutMillis < 1 || idleTimeoutMillis < 1) {
            throw new IllegalArgumentException("TCP timeouts must be positive: " + handshakeTimeoutMillis + " ms, "
                    + idleTimeoutMillis + " ms");
        }
    }

    /**
     * Largest payload accepted: an array of {@code maxArrayBytes} plus the largest DBR header
     * (DBR_CTRL_DOUBLE's 56 bytes, padded), never below CAJ's own 16 KiB receive buffer.
     */
    public int maxPayload() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_PAYLOAD, (long) maxArrayBytes + 64));
    }
}
