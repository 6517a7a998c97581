package org.syncscope.syncprofile;

import java.util.List;
import java.util.Optional;

/**
 * Every sync profile configuration of this server with its state (running, or refused and why),
 * and what the running profiles show the console. The one service of the sync profile bundle.
 */
public interface ProfileConfigurations {

    /** Every configuration, by name (then origin). */
    List<ProfileState> all();

    /** The configurations that give this profile name (more than one only when all but one are refused). */
    default List<ProfileState> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The settings and queue of the running profile of this name; empty when none runs. */
    Optional<ProfileSummary> summary(String name);

    /**
     * The statistics of the running profile of this name; empty when none runs. Waits, bounded,
     * for the profile's thread to take the snapshot between two updates.
     *
     * @throws IllegalStateException when the profile's thread did not answer in time
     */
    Optional<ProfileStatus> status(String name);
}
