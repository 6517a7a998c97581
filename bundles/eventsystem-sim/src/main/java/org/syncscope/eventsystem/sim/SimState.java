package org.syncscope.eventsystem.sim;

/**
 * One simulated event system configuration as the console shows it.
 *
 * @param origin the configuration file (or PID) it comes from, e.g. {@code etc/org.syncscope.eventsystem.sim-demo.cfg}
 * @param name   the instance's name while it runs, else {@code ?}
 * @param state  {@code running: …} with what it simulates, {@code refused: why}, or
 *               {@code change refused, previous settings stay: why}
 */
public record SimState(String origin, String name, String state) {
}
