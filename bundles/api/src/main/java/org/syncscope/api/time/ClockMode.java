package org.syncscope.api.time;

/** Where the timestamp service takes time from (drvTS terms). */
public enum ClockMode {
    /** Event-system time: a receiver counts ticks since the last sync (counter reset) event. */
    SYNCHRONOUS,
    /** The server's own clock (no event receiver, {@code forceSoft}, or hardware failure). */
    SOFT
}
