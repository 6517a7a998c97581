package org.syncscope.api.time;

/** Whether this server hands out the time or follows another one. */
public enum ClockRole {
    MASTER,
    SLAVE
}
