package org.syncscope.api.time;

/** What the clock is disciplined to right now. */
public enum TimeSource {
    /** The event system's ticks and sync events. */
    EVENT_SYSTEM,
    /** A Syncscope (drvTS) master over UDP. */
    MASTER,
    /** An NTP server. */
    NTP,
    /** Nothing: free-running on the local clock with the last frequency correction. */
    FREE_RUNNING
}
