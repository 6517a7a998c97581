package org.syncscope.screens;

import java.util.List;

/** No sync profile has the name asked for; the message names it and the profiles there are. */
public class UnknownProfileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String profile;

    public UnknownProfileException(String profile, List<String> known) {
        super("no sync profile named '" + profile + "' (profiles: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        this.profile = profile;
    }

    /** The name asked for. */
    public String profile() {
        return profile;
    }
}
