package org.syncscope.api.ptp;

import java.util.Objects;

/**
 * GRANDMASTER_SETTINGS_NP (linuxptp management id 0xC001): what this clock announces when it is
 * the grandmaster.
 */
public record GrandmasterSettingsNp(ClockQuality clockQuality, int utcOffset, int timeFlags,
                                    int timeSource) {
    public GrandmasterSettingsNp {
        Objects.requireNonNull(clockQuality, "clockQuality");
    }
}
