package org.syncscope.syncprofile;

import java.util.List;

/**
 * One sync profile configuration and what became of it, as {@code syncprofile:list} shows it.
 *
 * @param name          the profile name the configuration gives
 * @param configuration the configuration's PID
 * @param origin        where it comes from as the operator knows it: {@code etc/FILE.cfg}, else the PID
 * @param state         starting, running or refused
 * @param reason        why it is refused; for a running profile, why its last edit was refused; else empty
 * @param pvs           the input PVs it asks for (for completion; empty when they cannot be read)
 */
public record ProfileState(String name, String configuration, String origin, State state, String reason,
                           List<String> pvs) {

    /** What became of a configuration. */
    public enum State { STARTING, RUNNING, REFUSED }

    public ProfileState {
        reason = reason == null ? "" : reason;
        pvs = List.copyOf(pvs);
    }
}
