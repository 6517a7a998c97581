package org.syncscope.overview;

import java.util.List;
import java.util.Optional;

/**
 * Every capability of the server at one moment. A part is empty (or a list empty) when its
 * capability is not installed.
 *
 * @param timeNanos when it was taken, ns since the Unix epoch
 */
public record Overview(long timeNanos, List<ProfileView> profiles, Optional<TimestampView> timestamp,
                       Optional<PtpView> ptp, List<TimeavView> timeav) {

    public Overview {
        profiles = List.copyOf(profiles);
        timeav = List.copyOf(timeav);
    }
}
