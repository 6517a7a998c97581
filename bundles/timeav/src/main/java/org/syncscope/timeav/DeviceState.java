package org.syncscope.timeav;

/**
 * One TIMEAV device configuration as {@code timeav:list} shows it, read when asked.
 *
 * @param name       the device's output PV; empty while no device runs (the configuration is refused)
 * @param origin     {@code etc/org.syncscope.timeav-NAME.cfg}, or the PID
 * @param state      {@code running}, {@code refused: <why>} or {@code running; change refused, previous settings stay: <why>}
 * @param expression the running device's expression; empty while none runs
 * @param status     the full status (the Status PV carries its first 39 characters); empty while none runs
 * @param output     the output PV's alarm and why, e.g. {@code INVALID/UDF: no average since the restart}; empty while none runs
 */
public record DeviceState(String name, String origin, String state, String expression, String status, String output) {

    /** Whether a device runs for this configuration. */
    public boolean running() {
        return !name.isEmpty();
    }
}
