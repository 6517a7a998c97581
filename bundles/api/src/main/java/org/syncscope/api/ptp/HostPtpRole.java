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
    GRANDMASTER("Grandmaster",
            "this host is the grandmaster"),
    /** A port is SLAVE: the host follows the grandmaster. */
    SLAVE("Slave",
            "it follows another clock as its grandmaster"),
    /** A port has chosen a master and is not synchronised to it yet. */
    UNCALIBRATED("Uncalibrated",
            "its port has chosen a master and is not synchronised to it yet (wait a few seconds)"),
    /** A port is qualifying to become master; the host is not the grandmaster yet. */
    PRE_MASTER("Pre-master",
            "its port is qualifying to become master (wait a few announce intervals)"),
    /** A port waits for Announce messages: just started, or its master went away. */
    LISTENING("Listening",
            "its port waits for Announce messages: ptp4l has just started, or its master went away"),
    /** The ports are initialising. */
    INITIALIZING("Initializing",
            "ptp4l is initialising its ports"),
    /**
     * A better master is reachable on the port, which neither sends nor follows time (a
     * grandmaster-capable clock, clockClass 1..127, that is not the best): the offset is frozen.
     */
    PASSIVE("Passive",
            "a better master is on the network and this clock, with clockClass <= 127, may only be "
            + "master or passive, never slave: it neither sends nor follows time, its offset is frozen "
            + "(give ptp4l clockClass 248, or make this clock the best)"),
    /** The port is faulty, e.g. its link is down. */
    FAULTY("Faulty",
            "its PTP port is faulty, usually because the link is down (check the cable and ip link)"),
    /** Every port is disabled. */
    DISABLED("Disabled",
            "every PTP port of ptp4l is disabled");

    private final String displayName;
    private final String meaning;

    HostPtpRole(String displayName, String meaning) {
        this.displayName = displayName;
        this.meaning = meaning;
    }

    /** As the site's tools print a role: "Grandmaster", "Slave", "Listening", … */
    public String displayName() {
        return displayName;
    }

    /**
     * What the role means for the host and, when it is not synchronised, what to do about it, as the
     * consoles print it after the role: "its PTP port is faulty, usually because the link is down …".
     */
    public String meaning() {
        return meaning;
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
