package org.syncscope.pmc.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The management ids Syncscope reads, with the names pmc uses for them. */
public enum DataSetId {
    DEFAULT_DATA_SET(0x2000, 20),
    CURRENT_DATA_SET(0x2001, 18),
    PARENT_DATA_SET(0x2002, 32),
    PORT_DATA_SET(0x2004, 26),
    TIME_STATUS_NP(0xC000, 50),
    GRANDMASTER_SETTINGS_NP(0xC001, 8);

    private final int id;
    private final int bodyLength;

    DataSetId(int id, int bodyLength) {
        this.id = id;
        this.bodyLength = bodyLength;
    }

    /** The managementId on the wire. */
    public int id() {
        return id;
    }

    /** The body length ptp4l sends (a longer body is accepted, a shorter one is malformed). */
    public int bodyLength() {
        return bodyLength;
    }

    /** A data set by its pmc name, case-insensitive. */
    public static Optional<DataSetId> byName(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.name().equals(upper)).findFirst();
    }

    /** Names for error messages and completion. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** "CURRENT_DATA_SET (0x2001)" or "0x6000" for an id outside this set. */
    static String describe(int id) {
        return Arrays.stream(values()).filter(d -> d.id == id).findFirst()
                .map(d -> d.name() + String.format(" (0x%04X)", id))
                .orElse(String.format("0x%04X", id));
    }
}
