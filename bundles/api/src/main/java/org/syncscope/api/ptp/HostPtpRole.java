package org.syncscope.api.ptp;

/**
 * The host's place in the PTP hierarchy, decided from its ports' states (IEEE 1588 clause 9.2) and
 * CURRENT_DATA_SET, never from stepsRemoved alone: a port that is FAULTY (link down) or LISTENING
 * (just started) also has stepsRemoved 0, and a PASSIVE one keeps its last stepsRemoved.
 *
 * <p>With several ports the most telling one decides, in this order: a SLAVE port, an UNCALIBRATED
 * one, a MASTER one, then PRE_MASTER, PASSIVE, LISTENING, INITIALIZING, FAULTY, DISABLED.
 */
public enum HostPtpRole {
    /** A port is MASTER and stepsRemoved is 0: this host is the grandmaster. */
    GRANDMASTER("Grandmaster"),
    /** A port is SLAVE: the host follows the grandmaster. */
    SLAVE("Slave"),
    /** A port has chosen a master and is not synchronised to it yet. */
    UNCALIBRATED("Uncalibrated"),
    /** A port is qualifying to become master; the host is not the grandmaster yet. */
    PRE_MASTER("Pre-master"),
    /** A port waits for Announce messages: just started, or its master went away. */
    LISTENING("Listening"),
    /** The ports are initialising. */
    INITIALIZING("Initializing"),
    /**
     * A better master is reachable on the port, which neither sends nor follows time (a
     * grandmaster-capable clock, clockClass 1..127, that is not the best): the offset is frozen.
     */
    PASSIVE("Passive"),
    /** The port is faulty, e.g. its link is down. */
    FAULTY("Faulty"),
    /** Every port is disabled. */
    DISABLED("Disabled");

    private final String displayName;

    HostPtpRole(String displayName) {
        this.displayName = displayName;
    }

    /** As the site's tools print a role: "Grandmaster", "Slave", "Listening", … */
    public String displayName() {
        return displayName;
    }

    /** Grandmaster or slave: the host's time takes part in PTP. */
    public boolean synchronised() {
        return this == GRANDMASTER || this == SLAVE;
    }

    /** A state ptp4l leaves by itself within a few announce intervals (no alarm beyond MINOR). */
    public boolean settling() {
        return this == UNCALIBRATED || this == PRE_MASTER || this == LISTENING || this == INITIALIZING;
    }
}
