package org.syncscope.api.ptp;

/** PTP port states with their IEEE 1588 codes (1..9). */
public enum PortState {
    INITIALIZING(1), FAULTY(2), DISABLED(3), LISTENING(4), PRE_MASTER(5), MASTER(6), PASSIVE(7),
    UNCALIBRATED(8), SLAVE(9);

    private final int code;

    PortState(int code) {
        this.code = code;
    }

    /** The code on the wire. */
    public int code() {
        return code;
    }

    /**
     * The state for a wire code.
     *
     * @throws IllegalArgumentException for a code outside 1..9
     */
    public static PortState ofCode(int code) {
        if (code < 1 || code > 9) {
            throw new IllegalArgumentException("port state " + code + " is not a PTP port state (1..9)");
        }
        return values()[code - 1];
    }
}
