package org.syncscope.api.pv;

/** EPICS alarm severity, in the order (and with the ordinals) Channel Access uses on the wire. */
public enum AlarmSeverity {
    NO_ALARM,
    MINOR,
    MAJOR,
    /** The value cannot be trusted: source disconnected, undefined, or hardware failed. */
    INVALID
}
