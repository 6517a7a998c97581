package org.syncscope.screens.internal;

import java.util.Map;

/**
 * The Display Builder widget types our screens use, with the version Phoebus writes for each
 * (its widget classes' own version numbers). A screen with a type or version not listed here is
 * a bug: Phoebus would load it through its legacy converter or not at all (a test checks every
 * widget of every screen against this list).
 */
public final class KnownWidgets {

    public static final String DISPLAY_VERSION = "2.0.0";

    public static final Map<String, String> VERSIONS = Map.of(
            "label", "2.0.0",
            "textupdate", "2.0.0",
            "led", "2.0.0",
            "table", "2.0.0",
            "group", "3.0.0",
            "action_button", "3.0.0",
            "stripchart", "2.1.0");

    private KnownWidgets() {
    }

    /** The version of {@code type}; refuses a type not in the list. */
    static String version(String type) {
        String v = VERSIONS.get(type);
        if (v == null) {
            throw new IllegalArgumentException("widget type '" + type + "' is not one of " + VERSIONS.keySet());
        }
        return v;
    }
}
