package org.syncscope.screens;

import java.util.List;
import java.util.Optional;

/**
 * The Phoebus Display Builder screens (.bob, format 2.0.0) this server offers: fixed screens
 * shipped with it, and a screen per sync profile generated from the profile as configured now.
 */
public interface Screens {

    /** The HTTP path everything is served under, with its trailing slash. */
    String HTTP_PATH = "/syncscope/screens/";

    /** The file names of the fixed screens, e.g. {@code timestamp.bob}. */
    List<String> fixedNames();

    /** The fixed screen of this file name; empty when there is none. */
    Optional<String> fixed(String fileName);

    /** The names of the sync profiles running now, whose screens {@link #profileScreen} can make. */
    List<String> runningProfiles();

    /**
     * The screen of the sync profile {@code name}, generated from its configuration now.
     *
     * @throws UnknownProfileException when no profile has this name
     * @throws IllegalStateException   when the profile exists but is not running (refused, starting),
     *                                 the message saying why
     */
    String profileScreen(String name) throws UnknownProfileException;

    /** Where the index of the screens is served, e.g. {@code http://127.0.0.1:8181/syncscope/screens/}; empty if not known. */
    Optional<String> indexUrl();
}
