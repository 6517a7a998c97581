package org.syncscope.ca.internal;

import java.time.Duration;
import org.syncscope.api.pv.AddressList;

/**
 * How the Channel Access client searches and connects.
 *
 * @param addresses         search destinations (EPICS_CA_ADDR_LIST)
 * @param autoAddresses     also search every interface's broadcast address
 * @param serverPort        default server port (EPICS_CA_SERVER_PORT)
 * @param connectionTimeout echo/dead-connection timeout (EPICS_CA_CONN_TMO)
 * @param getTimeout        default wait of a single get
 * @param maxArrayBytes     EPICS_CA_MAX_ARRAY_BYTES
 * @param maxSearchInterval longest wait between two searches of a disconnected channel (EPICS_CA_MAX_SEARCH_PERIOD)
 */
public record ClientSettings(AddressList addresses, boolean autoAddresses, int serverPort, Duration connectionTimeout,
                      Duration getTimeout, int maxArrayBytes, Duration maxSearchInterval) {

    /** The default longest search interval: an IOC that returns is found within about a second. */
    public static final Duration DEFAULT_MAX_SEARCH_INTERVAL = Duration.ofSeconds(1);

    public ClientSettings(AddressList addresses, boolean autoAddresses, int serverPort, Duration connectionTimeout,
                          Duration getTimeout, int maxArrayBytes) {
        this(addresses, autoAddresses, serverPort, connectionTimeout, getTimeout, maxArrayBytes, DEFAULT_MAX_SEARCH_INTERVAL);
    }

    public ClientSettings {
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("serverPort " + serverPort + " is outside 1..65535");
        }
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("connectionTimeoutSeconds must be positive");
        }
        if (getTimeout.isNegative() || getTimeout.isZero()) {
            throw new IllegalArgumentException("getTimeoutSeconds must be positive");
        }
        if (maxSearchInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("maxSearchIntervalSeconds must be at least 0.1");
        }
        if (maxArrayBytes < 16384) {
            throw new IllegalArgumentException("maxArrayBytes must be at least 16384, got " + maxArrayBytes);
        }
    }

    static ClientSettings of(CaConfig c) {
        try {
            return new ClientSettings(AddressList.parse("addrList", c.addrList()), c.autoAddrList(), c.serverPort(),
                    seconds("connectionTimeoutSeconds", c.connectionTimeoutSeconds()),
                    seconds("getTimeoutSeconds", c.getTimeoutSeconds()), c.maxArrayBytes(),
                    seconds("maxSearchIntervalSeconds", c.maxSearchIntervalSeconds()));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(bad.getMessage(), bad);
        }
    }

    private static Duration seconds(String key, float s) {
        if (!(s > 0) || Float.isInfinite(s)) {
            throw new IllegalArgumentException(key + " must be a positive number of seconds, got " + s);
        }
        return Duration.ofNanos((long) (s * 1e9));
    }
}
