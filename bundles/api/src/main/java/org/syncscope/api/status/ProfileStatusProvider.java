package org.syncscope.api.status;

import java.util.List;

/** The sync profiles of this server; registered by the sync profile bundle. Thread safe. */
public interface ProfileStatusProvider {

    /**
     * Every profile configuration, by name: a running one with each input and its first
     * {@code maxPairs} pairs (in the profile's order), a refused one with why. Waits, bounded, for
     * each profile's thread to take its snapshot between two updates.
     *
     * @throws IllegalArgumentException for a negative {@code maxPairs}
     */
    List<ProfileView> profiles(int maxPairs);
}
