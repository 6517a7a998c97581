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

    /**
     * {@link #status(String)} with at most {@code maxPairs} pairs, the first of the profile's order
     * (every input always): what a reader that shows a bounded selection asks for, so a profile of
     * a million pairs costs it no more than {@code maxPairs} of them.
     *
     * @throws IllegalArgumentException for a negative {@code maxPairs}
     * @since 1.2
     */
    default Optional<ProfileStatus> status(String name, int maxPairs) {
        if (maxPairs < 0) {
            throw new IllegalArgumentException("maxPairs " + maxPairs + ": not negative");
        }
        return status(name).map(s -> s.pairs().size() <= maxPairs ? s
                : new ProfileStatus(s.name(), s.window(), s.timestamp(), s.inputs(), s.pairs().subList(0, maxPairs),
                        s.queued(), s.queueCapacity(), s.dropped(), s.hasSource(), s.hasPublisher()));
    }
}
