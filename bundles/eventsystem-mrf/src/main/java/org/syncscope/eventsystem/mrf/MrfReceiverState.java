package org.syncscope.eventsystem.mrf;

import java.util.List;

/**
 * One MRF receiver configuration as the console shows it, read now.
 *
 * @param origin      the configuration file (or PID), e.g. {@code etc/org.syncscope.eventsystem.mrf-EVR1.cfg}
 * @param name        the receiver's name (the {@code name} service property) while it runs, else {@code ?}
 * @param state       {@code running}, {@code refused: why}, or {@code running; change refused, previous settings stay: why}
 * @param description the driver's {@code describe()} while it runs (what is wrong, if anything), else empty
 * @param lastSecond  the receiver's {@code Time-I} text (its time at the last seconds event), empty before one
 * @param events      each followed event, by code
 */
public record MrfReceiverState(String origin, String name, String state, String description, String lastSecond,
                               List<MrfEventState> events) {
    public MrfReceiverState {
        events = List.copyOf(events);
    }
}
