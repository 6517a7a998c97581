package org.syncscope.api.ptp;

import java.util.Objects;

/** A PTP port: clock identity and port number (0..65535), printed {@code bcfce7.fffe.244daf-1}. */
public record PortIdentity(ClockIdentity clockIdentity, int portNumber) {
    public PortIdentity {
        Objects.requireNonNull(clockIdentity, "clockIdentity");
        if (portNumber < 0 || portNumber > 0xFFFF) {
            throw new IllegalArgumentException("port number " + portNumber + " outside 0..65535");
        }
    }

    @Override
    public String toString() {
        return clockIdentity + "-" + portNumber;
    }
}
