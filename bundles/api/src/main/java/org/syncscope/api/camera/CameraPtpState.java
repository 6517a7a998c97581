package org.syncscope.api.camera;

/**
 * A camera's PTP port state. The GenICam enumeration entries are matched by name, never by index
 * (vendors order them differently).
 */
public enum CameraPtpState {
    INITIALIZING("Initializing"),
    FAULTY("Faulty"),
    DISABLED("Disabled"),
    LISTENING("Listening"),
    PRE_MASTER("PreMaster"),
    MASTER("Master"),
    PASSIVE("Passive"),
    UNCALIBRATED("Uncalibrated"),
    SLAVE("Slave"),
    /** The camera has no PTP status node, or reported an entry this list does not know. */
    UNKNOWN("Unknown");

    private final String genicamName;

    CameraPtpState(String genicamName) {
        this.genicamName = genicamName;
    }

    /** The SFNC enumeration entry name, e.g. {@code PreMaster}. */
    public String genicamName() {
        return genicamName;
    }

    /** The state for an SFNC entry name (case-insensitive); {@link #UNKNOWN} for anything else. */
    public static CameraPtpState ofGenicamName(String entry) {
        for (CameraPtpState s : values()) {
            if (s.genicamName.equalsIgnoreCase(entry == null ? "" : entry.trim())) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
