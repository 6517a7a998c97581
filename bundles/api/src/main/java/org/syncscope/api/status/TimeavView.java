package org.syncscope.api.status;

/**
 * One TIMEAV device configuration: its state as {@code timeav:list} shows it and, when it runs,
 * its output PV and {@code :Status} PV.
 *
 * @param name   the output PV; empty while the configuration is refused
 * @param origin {@code etc/org.syncscope.timeav-NAME.cfg}, or the PID
 * @param state  {@code running} or {@code refused: …}
 */
public record TimeavView(String name, String origin, String state, PvValueView value, PvValueView status) {
}
